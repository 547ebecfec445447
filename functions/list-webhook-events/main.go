// Command list-webhook-events is the Lambda function of GET /admin/api/webhooks/events.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-webhook-events") }
