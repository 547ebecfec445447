// Command list-webhook-failures is the Lambda function of GET /admin/api/webhooks/failures.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-webhook-failures") }
