// Command activate-user is the Lambda function of PUT /admin/api/accounts/{account_id}/users/{id}/activate.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("activate-user") }
