// Command update-provider is the Lambda function of PUT /admin/api/provider.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("update-provider") }
