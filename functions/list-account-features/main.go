// Command list-account-features is the Lambda function of GET /admin/api/features.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-account-features") }
