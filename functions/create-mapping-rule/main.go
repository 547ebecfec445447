// Command create-mapping-rule is the Lambda function of POST /admin/api/services/{service_id}/proxy/mapping_rules.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("create-mapping-rule") }
