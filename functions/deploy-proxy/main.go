// Command deploy-proxy is the Lambda function of POST /admin/api/services/{service_id}/proxy/deploy.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("deploy-proxy") }
