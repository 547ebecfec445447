// Command preflight is the Lambda function of OPTIONS /transactions/{action}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("preflight") }
