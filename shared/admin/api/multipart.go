package api

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"net/url"
	"strings"

	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/params"
)

// parseMultipart turns form fields into the same nested parameters a form body
// gives, by re-encoding them; files are not accepted anywhere in the API.
func parseMultipart(body []byte, boundary string) (*params.Params, error) {
	if boundary == "" {
		return nil, apierr.BadRequest("multipart body without boundary")
	}
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	var enc []string
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, apierr.BadRequest("malformed multipart body")
		}
		v, err := io.ReadAll(io.LimitReader(part, MaxBody))
		if err != nil {
			return nil, apierr.BadRequest("malformed multipart body")
		}
		enc = append(enc, url.QueryEscape(part.FormName())+"="+url.QueryEscape(string(v)))
	}
	return params.ParseQuery(strings.Join(enc, "&"))
}
