// Command create-access-token is the Lambda function of POST /admin/api/personal/access_tokens.json.
package main

import "turnpike/shared/lambdafn"

func main() { lambdafn.Start("create-access-token") }
