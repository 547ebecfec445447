// Command create-method is the Lambda function of POST /admin/api/services/{service_id}/metrics/{metric_id}/methods.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-method") }
