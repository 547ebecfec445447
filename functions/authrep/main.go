// Command authrep is the Lambda function of GET /transactions/authrep.xml.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("authrep") }
