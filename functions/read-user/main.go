// Command read-user is the Lambda function of GET /admin/api/accounts/{account_id}/users/{id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("read-user") }
