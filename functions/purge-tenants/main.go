// Command purge-tenants is the Lambda function run on the schedule rate(1 day).
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.StartScheduled("purge-tenants") }
