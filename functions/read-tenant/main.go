// Command read-tenant is the Lambda function of GET /master/api/providers/{provider_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("read-tenant") }
