// Command set-default-application-plan is the Lambda function of PUT /admin/api/services/{service_id}/application_plans/{plan_id}/default.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("set-default-application-plan") }
