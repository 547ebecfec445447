// Command approve-account is the Lambda function of PUT /admin/api/accounts/{account_id}/approve.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("approve-account") }
