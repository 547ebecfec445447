// Command read-account-plan is the Lambda function of GET /admin/api/account_plans/{plan_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("read-account-plan") }
