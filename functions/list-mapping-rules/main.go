// Command list-mapping-rules is the Lambda function of GET /admin/api/services/{service_id}/proxy/mapping_rules.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("list-mapping-rules") }
