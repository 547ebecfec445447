// Command read-account is the Lambda function of GET /admin/api/accounts/{account_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("read-account") }
