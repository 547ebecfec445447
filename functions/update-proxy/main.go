// Command update-proxy is the Lambda function of PATCH /admin/api/services/{service_id}/proxy.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("update-proxy") }
