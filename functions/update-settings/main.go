// Command update-settings is the Lambda function of PUT /admin/api/settings.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("update-settings") }
