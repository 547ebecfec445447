// Command update-account-feature is the Lambda function of PUT /admin/api/features/{feature_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("update-account-feature") }
