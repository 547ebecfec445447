// Command update-tenant is the Lambda function of PUT /master/api/providers/{provider_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("update-tenant") }
