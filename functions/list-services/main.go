// Command list-services is the Lambda function of GET /admin/api/services.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-services") }
