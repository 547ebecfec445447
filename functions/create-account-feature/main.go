// Command create-account-feature is the Lambda function of POST /admin/api/features.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-account-feature") }
