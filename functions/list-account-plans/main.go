// Command list-account-plans is the Lambda function of GET /admin/api/account_plans.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-account-plans") }
