// Command check is the Lambda function of GET /check.txt.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("check") }
