// Command list-metric-pricing-rules is the Lambda function of GET /admin/api/application_plans/{plan_id}/metrics/{metric_id}/pricing_rules.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-metric-pricing-rules") }
