// Command make-user-admin is the Lambda function of PUT /admin/api/accounts/{account_id}/users/{id}/admin.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("make-user-admin") }
