// Command update-limit is the Lambda function of PUT /admin/api/application_plans/{plan_id}/metrics/{metric_id}/limits/{limit_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("update-limit") }
