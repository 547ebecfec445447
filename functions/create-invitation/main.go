// Command create-invitation is the Lambda function of POST /admin/api/accounts/{account_id}/invitations.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-invitation") }
