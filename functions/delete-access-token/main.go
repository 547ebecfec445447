// Command delete-access-token is the Lambda function of DELETE /admin/api/personal/access_tokens/{id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("delete-access-token") }
