// Command enable-service-plan-feature is the Lambda function of POST /admin/api/service_plans/{plan_id}/features.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("enable-service-plan-feature") }
