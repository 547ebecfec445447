// Command resume-account is the Lambda function of PUT /admin/api/accounts/{account_id}/resume.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("resume-account") }
