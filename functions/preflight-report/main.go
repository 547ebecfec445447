// Command preflight-report is the Lambda function of OPTIONS /transactions.xml.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("preflight-report") }
