// Command delete-metric is the Lambda function of DELETE /admin/api/services/{service_id}/metrics/{metric_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("delete-metric") }
