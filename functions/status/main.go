// Command status is the Lambda function of GET /status.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("status") }
