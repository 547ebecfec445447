// Command webhook-delivery is the Lambda function consuming WebhookQueue.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.StartConsumer("webhook-delivery") }
