// Command list-access-tokens is the Lambda function of GET /admin/api/personal/access_tokens.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-access-tokens") }
