// Command read-limit is the Lambda function of GET /admin/api/application_plans/{plan_id}/metrics/{metric_id}/limits/{limit_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("read-limit") }
