// Command list-account-applications is the Lambda function of GET /admin/api/accounts/{account_id}/applications.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-account-applications") }
