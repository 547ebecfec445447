// Command usage-consumer is the Lambda function consuming UsageQueue.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.StartConsumer("usage-consumer") }
