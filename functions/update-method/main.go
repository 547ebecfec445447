// Command update-method is the Lambda function of PUT /admin/api/services/{service_id}/metrics/{metric_id}/methods/{method_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("update-method") }
