// Command update-mapping-rule is the Lambda function of PATCH /admin/api/services/{service_id}/proxy/mapping_rules/{rule_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("update-mapping-rule") }
