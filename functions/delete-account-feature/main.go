// Command delete-account-feature is the Lambda function of DELETE /admin/api/features/{feature_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("delete-account-feature") }
