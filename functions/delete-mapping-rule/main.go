// Command delete-mapping-rule is the Lambda function of DELETE /admin/api/services/{service_id}/proxy/mapping_rules/{rule_id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("delete-mapping-rule") }
