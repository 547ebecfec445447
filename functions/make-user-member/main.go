// Command make-user-member is the Lambda function of PUT /admin/api/accounts/{account_id}/users/{id}/member.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("make-user-member") }
