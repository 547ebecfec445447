// Command read-settings is the Lambda function of GET /admin/api/settings.json.
package main

import "turnpike/shared/lambdafn"

func main() { lambdafn.Start("read-settings") }
