package params

import "fmt"

// ErrorKind classifies a failure; 3scale answers each kind differently.
type ErrorKind int

const (
	BadEncoding ErrorKind = iota // a malformed %-escape (or a key Rack cannot match, see ParseQuery)
	BadNesting                   // conflicting shapes for one name, or nesting too deep
	TooMany                      // more than MaxParams pairs
	TooLarge                     // more than MaxBytes of input
	InvalidUTF8                  // a key or value that is not valid UTF-8
	BadJSON                      // a body that is not a well-formed JSON object
)

func (k ErrorKind) String() string {
	switch k {
	case BadEncoding:
		return "BadEncoding"
	case BadNesting:
		return "BadNesting"
	case TooMany:
		return "TooMany"
	case TooLarge:
		return "TooLarge"
	case InvalidUTF8:
		return "InvalidUTF8"
	case BadJSON:
		return "BadJSON"
	}
	return fmt.Sprintf("ErrorKind(%d)", int(k))
}

// Error is a parse failure. Msg follows Rack's wording where Rack has one,
// so callers can render 3scale's text from it.
type Error struct {
	Kind ErrorKind
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

func errorf(kind ErrorKind, format string, args ...any) error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// errInvalidUTF8 carries Ruby's message for the same failure.
func errInvalidUTF8() error { return errorf(InvalidUTF8, "invalid byte sequence in UTF-8") }
