// Command change-service-subscription-plan is the Lambda function of PUT /admin/api/accounts/{account_id}/service_subscriptions/{subscription_id}/change_plan.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("change-service-subscription-plan") }
