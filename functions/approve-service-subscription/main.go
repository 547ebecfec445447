// Command approve-service-subscription is the Lambda function of PUT /admin/api/accounts/{account_id}/service_subscriptions/{subscription_id}/approve.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("approve-service-subscription") }
