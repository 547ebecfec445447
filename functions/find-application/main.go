// Command find-application is the Lambda function of GET /admin/api/applications/find.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("find-application") }
