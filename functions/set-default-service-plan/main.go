// Command set-default-service-plan is the Lambda function of PUT /admin/api/services/{service_id}/service_plans/{plan_id}/default.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("set-default-service-plan") }
