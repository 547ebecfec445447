// Package turnpike embeds the deployment template, the single definition of
// the tables, queues and routes that the local stack and the tests build from.
package turnpike

import _ "embed"

// Template is template.yaml.
//
//go:embed template.yaml
var Template []byte
