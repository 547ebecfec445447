// Command fetch-account-plan is the Lambda function of GET /admin/api/accounts/{account_id}/plan.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("fetch-account-plan") }
