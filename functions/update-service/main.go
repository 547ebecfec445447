// Command update-service is the Lambda function of PUT /admin/api/services/{service_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("update-service") }
