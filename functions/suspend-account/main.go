// Command suspend-account is the Lambda function of PUT /admin/api/accounts/{account_id}/suspend.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("suspend-account") }
