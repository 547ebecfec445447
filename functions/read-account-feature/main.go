// Command read-account-feature is the Lambda function of GET /admin/api/features/{feature_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("read-account-feature") }
