// Command delete-invitation is the Lambda function of DELETE /admin/api/accounts/{account_id}/invitations/{id}.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("delete-invitation") }
