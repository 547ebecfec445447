// Command available is the Lambda function of HEAD /available.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("available") }
