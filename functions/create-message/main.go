// Command create-message is the Lambda function of POST /admin/api/accounts/{account_id}/messages.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-message") }
