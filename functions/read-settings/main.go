// Command read-settings is the Lambda function of GET /admin/api/settings.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("read-settings") }
