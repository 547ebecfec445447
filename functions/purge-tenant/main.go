// Command purge-tenant is the Lambda function of POST /master/api/providers/{provider_id}/purge.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("purge-tenant") }
