// Command create-application is the Lambda function of POST /admin/api/accounts/{account_id}/applications.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-application") }
