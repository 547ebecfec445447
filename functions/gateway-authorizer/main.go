// Command gateway-authorizer is an API Gateway Lambda REQUEST authorizer
// applying a product's mapping rules, credentials and exact limits.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.StartAuthorizer("gateway-authorizer") }
