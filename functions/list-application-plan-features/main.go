// Command list-application-plan-features is the Lambda function of GET /admin/api/application_plans/{plan_id}/features.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-application-plan-features") }
