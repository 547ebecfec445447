// Command gateway is the Lambda function serving API traffic for every product
// (its own HTTP API, catch-all route; the product is chosen by Host).
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("gateway") }
