// Command list-plan-pricing-rules is the Lambda function of GET /admin/api/application_plans/{plan_id}/pricing_rules.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-plan-pricing-rules") }
