// Command delete-account-plan is the Lambda function of DELETE /admin/api/account_plans/{plan_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("delete-account-plan") }
