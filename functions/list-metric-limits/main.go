// Command list-metric-limits is the Lambda function of GET /admin/api/application_plans/{plan_id}/metrics/{metric_id}/limits.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-metric-limits") }
