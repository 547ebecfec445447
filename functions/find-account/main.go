// Command find-account is the Lambda function of GET /admin/api/accounts/find.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("find-account") }
