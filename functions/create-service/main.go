// Command create-service is the Lambda function of POST /admin/api/services.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-service") }
