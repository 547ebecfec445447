// Command delete-pricing-rule is the Lambda function of DELETE /admin/api/application_plans/{plan_id}/metrics/{metric_id}/pricing_rules/{rule_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("delete-pricing-rule") }
