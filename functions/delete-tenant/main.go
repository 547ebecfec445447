// Command delete-tenant is the Lambda function of DELETE /master/api/providers/{provider_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("delete-tenant") }
