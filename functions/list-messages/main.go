// Command list-messages is the Lambda function of GET /admin/api/accounts/{account_id}/messages.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-messages") }
