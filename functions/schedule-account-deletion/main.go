// Command schedule-account-deletion is the Lambda function of PUT /admin/api/accounts/{account_id}/schedule_for_deletion.json.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("schedule-account-deletion") }
