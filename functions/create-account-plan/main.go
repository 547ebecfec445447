// Command create-account-plan is the Lambda function of POST /admin/api/account_plans.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-account-plan") }
