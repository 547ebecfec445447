// Command disable-service-plan-feature is the Lambda function of DELETE /admin/api/service_plans/{plan_id}/features/{feature_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("disable-service-plan-feature") }
