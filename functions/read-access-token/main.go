// Command read-access-token is the Lambda function of GET /admin/api/personal/access_tokens/{id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("read-access-token") }
