// Command update-account-plan is the Lambda function of PUT /admin/api/account_plans/{plan_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("update-account-plan") }
