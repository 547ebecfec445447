// Command read-access-token is the Lambda function of GET /admin/api/personal/access_tokens/{id}.
package main

import "turnpike/shared/lambdafn"

func main() { lambdafn.Start("read-access-token") }
