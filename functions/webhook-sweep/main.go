// Command webhook-sweep is the Lambda function run on the schedule rate(1 minute).
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.StartSchedule("webhook-sweep") }
