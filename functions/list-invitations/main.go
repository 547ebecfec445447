// Command list-invitations is the Lambda function of GET /admin/api/accounts/{account_id}/invitations.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-invitations") }
