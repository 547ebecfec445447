// Command oauth-authrep is the Lambda function of GET /transactions/oauth_authrep.xml.
package main

import "turnpike/shared/transport/lambdafn"

func main() { lambdafn.Start("oauth-authrep") }
