// Command set-default-account-plan is the Lambda function of PUT /admin/api/account_plans/{plan_id}/default.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("set-default-account-plan") }
