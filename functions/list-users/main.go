// Command list-users is the Lambda function of GET /admin/api/accounts/{account_id}/users.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-users") }
