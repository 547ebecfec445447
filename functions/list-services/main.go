// Command list-services is the Lambda function of GET /admin/api/services.json.
package main

import "turnpike/shared/lambdafn"

func main() { lambdafn.Start("list-services") }
