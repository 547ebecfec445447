// Command redeliver-webhook-event is the Lambda function of PUT /admin/api/webhooks/events/{event_id}/redeliver.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("redeliver-webhook-event") }
