package authrep

import "strings"

// newTextEscaper escapes element text the way Ruby's Builder does (& < > only).
func newTextEscaper() *strings.Replacer {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
}
