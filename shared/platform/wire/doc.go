// Package wire renders 3scale's representations. A resource is built once as an
// ordered Obj and rendered as JSON (nil fields omitted, each list item wrapped)
// or as XML (un-indented elements, as 3scale's Builder emits), so the two formats
// cannot drift apart by accident; format-only fields are marked as such.
package wire
