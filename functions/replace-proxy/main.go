// Command replace-proxy is the Lambda function of PUT /admin/api/services/{service_id}/proxy.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("replace-proxy") }
