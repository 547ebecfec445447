// Command oauth-authrep is the Lambda function of GET /transactions/oauth_authrep.xml.
package main

import "turnpike/shared/lambdafn"

func main() { lambdafn.Start("oauth-authrep") }
