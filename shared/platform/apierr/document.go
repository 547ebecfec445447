package apierr

// Document is an error whose body is prepared by the caller in both formats.
func Document(status int, public string, json, xml []byte) *Error {
	return &Error{HTTP: status, Kind: KindDocument, Public: public, JSON: json, XML: xml}
}
