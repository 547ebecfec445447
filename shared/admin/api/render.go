package api

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"

	"turnpike/shared/platform/apierr"
	"turnpike/shared/platform/wire"
)

func contentType(f Format) string {
	if f == JSON {
		return "application/json; charset=utf-8"
	}
	return "application/xml; charset=utf-8"
}

func writeResult(w http.ResponseWriter, f Format, res Result) {
	var body []byte
	var err error
	switch {
	case res.Obj != nil && f == JSON:
		body, err = res.Obj.MarshalJSON()
	case res.Obj != nil:
		body = res.Obj.XMLDoc()
	case res.List != nil && f == JSON:
		body, err = res.List.MarshalJSON()
	case res.List != nil:
		body = res.List.XMLDoc()
	}
	if err != nil {
		writeError(w, f, apierr.Internal(err))
		return
	}
	if body != nil {
		w.Header().Set("Content-Type", contentType(f))
	}
	w.WriteHeader(res.Status)
	w.Write(body)
}

func writeError(w http.ResponseWriter, f Format, e *apierr.Error) {
	if e.HTTP >= 500 {
		slog.Error("request failed", "status", e.HTTP, "error", e.Error())
	}
	body := errorBody(f, e)
	if body != nil {
		w.Header().Set("Content-Type", contentType(f))
	}
	w.WriteHeader(e.HTTP)
	w.Write(body)
}

func errorBody(f Format, e *apierr.Error) []byte {
	if e.Kind == apierr.KindDocument {
		if f == JSON {
			return e.JSON
		}
		return e.XML
	}
	if f == JSON {
		var v any
		switch e.Kind {
		case apierr.KindMessage, apierr.KindCoded:
			v = map[string]string{"error": e.Public}
		case apierr.KindStatus:
			v = map[string]string{"status": e.Public}
		case apierr.KindFields:
			v = map[string]map[string][]string{"errors": e.Fields}
		default:
			return nil
		}
		b, _ := json.Marshal(v)
		return b
	}
	var b bytes.Buffer
	switch e.Kind {
	case apierr.KindMessage, apierr.KindCoded:
		b.WriteString(wire.XMLHeader + "<error>" + wire.Escape(e.Public) + "</error>")
	case apierr.KindFields:
		b.WriteString(wire.XMLHeader + "<errors>")
		for _, field := range e.Order {
			for _, msg := range e.Fields[field] {
				b.WriteString("<error>" + wire.Escape(fullMessage(field, msg)) + "</error>")
			}
		}
		b.WriteString("</errors>")
	default:
		return nil // 3scale's XML 404 and 403 Forbidden have no body
	}
	return b.Bytes()
}

// fullMessage is Rails' full_message: "user_key" + "is taken" → "User key is taken".
func fullMessage(field, msg string) string {
	if field == "base" {
		return msg
	}
	h := strings.ReplaceAll(field, "_", " ")
	return strings.ToUpper(h[:1]) + h[1:] + " " + msg
}
