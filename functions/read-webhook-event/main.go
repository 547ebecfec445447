// Command read-webhook-event is the Lambda function of GET /admin/api/webhooks/events/{event_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("read-webhook-event") }
