// Command list-applications is the Lambda function of GET /admin/api/applications.json.
package main

import "turnpike/shared/lambdafn"

func main() { lambdafn.Start("list-applications") }
