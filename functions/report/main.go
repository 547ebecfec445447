// Command report is the Lambda function of POST /transactions.xml.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("report") }
