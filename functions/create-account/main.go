// Command create-account is the Lambda function of POST /admin/api/accounts.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-account") }
