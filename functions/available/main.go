// Command available is the Lambda function of HEAD /available.
package main

import "turnpike/shared/lambdafn"

func main() { lambdafn.Start("available") }
