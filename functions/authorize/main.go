// Command authorize is the Lambda function of GET /transactions/authorize.xml.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("authorize") }
