// Command create-access-token is the Lambda function of POST /admin/api/personal/access_tokens.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-access-token") }
