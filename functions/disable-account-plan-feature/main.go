// Command disable-account-plan-feature is the Lambda function of DELETE /admin/api/account_plans/{plan_id}/features/{feature_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("disable-account-plan-feature") }
