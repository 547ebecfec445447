// Command list-applications is the Lambda function of GET /admin/api/applications.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-applications") }
