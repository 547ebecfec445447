// Command update-user is the Lambda function of PUT /admin/api/accounts/{account_id}/users/{id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("update-user") }
