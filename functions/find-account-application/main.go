// Command find-account-application is the Lambda function of GET /admin/api/accounts/{account_id}/applications/find.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("find-account-application") }
