// Command delete-service is the Lambda function of DELETE /admin/api/services/{service_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("delete-service") }
