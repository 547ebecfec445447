// Command status is the Lambda function of GET /status.
package main

import "turnpike/shared/lambdafn"

func main() { lambdafn.Start("status") }
