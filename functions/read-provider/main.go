// Command read-provider is the Lambda function of GET /admin/api/provider.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("read-provider") }
