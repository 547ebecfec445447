// Command usage-consumer is the Lambda function consuming UsageQueue.
package main

import "turnpike/shared/lambdafn"

func main() { lambdafn.StartConsumer("usage-consumer") }
