// Command rotate-webhook-secret is the Lambda function of PUT /admin/api/webhooks/secret/rotate.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("rotate-webhook-secret") }
