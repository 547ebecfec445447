// Command create-user is the Lambda function of POST /admin/api/accounts/{account_id}/users.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-user") }
