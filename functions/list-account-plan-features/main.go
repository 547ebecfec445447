// Command list-account-plan-features is the Lambda function of GET /admin/api/account_plans/{plan_id}/features.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-account-plan-features") }
