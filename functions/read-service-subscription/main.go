// Command read-service-subscription is the Lambda function of GET /admin/api/accounts/{account_id}/service_subscriptions/{subscription_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("read-service-subscription") }
