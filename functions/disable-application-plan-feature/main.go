// Command disable-application-plan-feature is the Lambda function of DELETE /admin/api/application_plans/{plan_id}/features/{feature_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("disable-application-plan-feature") }
