// Command delete-limit is the Lambda function of DELETE /admin/api/application_plans/{plan_id}/metrics/{metric_id}/limits/{limit_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("delete-limit") }
