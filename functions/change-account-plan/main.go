// Command change-account-plan is the Lambda function of PUT /admin/api/accounts/{account_id}/change_plan.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("change-account-plan") }
