// Command reject-account is the Lambda function of PUT /admin/api/accounts/{account_id}/reject.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("reject-account") }
