// Command create-pricing-rule is the Lambda function of POST /admin/api/application_plans/{plan_id}/metrics/{metric_id}/pricing_rules.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-pricing-rule") }
