// Command make-account-pending is the Lambda function of PUT /admin/api/accounts/{account_id}/make_pending.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("make-account-pending") }
