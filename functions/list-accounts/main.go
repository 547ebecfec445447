// Command list-accounts is the Lambda function of GET /admin/api/accounts.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-accounts") }
