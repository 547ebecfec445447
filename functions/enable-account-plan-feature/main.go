// Command enable-account-plan-feature is the Lambda function of POST /admin/api/account_plans/{plan_id}/features.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("enable-account-plan-feature") }
