package ckan

import (
	"errors"
	"net/http"
	"sort"

	"sprang"
	"sprang/internal/i18n"
	"sprang/internal/opendata"
)

// The error types CKAN's Action API answers with ("__type"), and ours for
// a rate limit, which CKAN does not have.
const (
	typeNotFound      = "Not Found Error"
	typeValidation    = "Validation Error"
	typeAuthorization = "Authorization Error"
	typeSearchQuery   = "Search Query Error"
	typeInternal      = "Internal Server Error"
	typeRateLimit     = "Rate Limit Error"
)

// apiError is an answer other than success: its HTTP status, CKAN's error
// type and message, for a Validation Error the messages per field, and
// for a 429 the seconds to wait. A bare error is written as a JSON string,
// as CKAN writes "Bad request - …".
type apiError struct {
	status     int
	typ        string
	msg        string
	fields     map[string][]string
	bare       bool
	retryAfter int
	extra      map[string]any
}

func (e *apiError) Error() string { return e.typ + ": " + e.msg }

// body returns the "error" member of the envelope. A Validation Error
// holds the fields beside "__type" (CKAN's error_dict), and a message
// only when no field is named.
func (e *apiError) body() map[string]any {
	m := map[string]any{"__type": e.typ}
	for k, v := range e.fields {
		m[k] = v
	}
	if e.msg != "" || len(e.fields) == 0 {
		m["message"] = e.msg
	}
	for k, v := range e.extra {
		m[k] = v
	}
	return m
}

// badRequest is CKAN's answer to a request it cannot even start: status
// 400 and the JSON string "Bad request - " and the detail.
func badRequest(detail string) *apiError {
	return &apiError{status: http.StatusBadRequest, bare: true, msg: "Bad request - " + detail}
}

func errInternal() *apiError {
	return &apiError{status: http.StatusInternalServerError, typ: typeInternal, msg: "Internal Server Error"}
}

// fieldError is a Validation Error (409, as CKAN) on one field.
func fieldError(field, msg string) *apiError {
	return &apiError{status: http.StatusConflict, typ: typeValidation, fields: map[string][]string{field: {msg}}}
}

// fieldErrors is a Validation Error on several fields, or nil when f is
// empty.
func fieldErrors(f map[string][]string) error {
	if len(f) == 0 {
		return nil
	}
	return &apiError{status: http.StatusConflict, typ: typeValidation, fields: f}
}

// texts translates messages for one request.
type texts struct {
	cat  *i18n.Catalog
	lang i18n.Lang
}

// t returns the text of key with args.
func (x texts) t(key string, args ...any) string { return x.cat.T(x.lang, key, args...) }

// notFound is CKAN's Not Found Error: "Not found: " and what was not found.
func (x texts) notFound(key string, args ...any) *apiError {
	return &apiError{status: http.StatusNotFound, typ: typeNotFound, msg: x.t("api.not_found") + ": " + x.t(key, args...)}
}

// denied is CKAN's Authorization Error: "Access denied: " and why.
func (x texts) denied(key string, args ...any) *apiError {
	return &apiError{status: http.StatusForbidden, typ: typeAuthorization, msg: x.t("api.access_denied") + ": " + x.t(key, args...)}
}

// invalid is a Validation Error on field with the text of key.
func (x texts) invalid(field, key string, args ...any) *apiError {
	return fieldError(field, x.t(key, args...))
}

// searchQuery is CKAN's Search Query Error (400) for a package_search
// parameter it cannot read.
func (x texts) searchQuery(key string, args ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, typ: typeSearchQuery, msg: x.t("api.search_query_invalid") + ": " + x.t(key, args...)}
}

// apiErrorOf turns any error of an action into its answer. An *apiError
// passes as it is. A *sprang.Error maps by kind: Invalid and Conflict
// become a Validation Error (409) with the fields renamed by rename (the
// store's and domain's field names to the API's) and their message keys
// translated; NotFound a Not Found Error; Forbidden and Unauthenticated
// an Authorization Error (403, as CKAN); TooMany a 429. Messages that are
// no catalog key are not shown (they are for logs). Anything else is an
// Internal Server Error, which the caller logs.
func (x texts) apiErrorOf(err error, rename map[string]string) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	var se *sprang.Error
	if !errors.As(err, &se) {
		return errInternal()
	}
	msg := x.message(err, se.Message)
	switch se.Kind {
	case sprang.Invalid, sprang.Conflict:
		return x.validationOf(err, se, msg, rename)
	case sprang.NotFound:
		if msg == "" {
			msg = x.t("api.not_found_generic")
		}
		return &apiError{status: http.StatusNotFound, typ: typeNotFound, msg: x.t("api.not_found") + ": " + msg}
	case sprang.Forbidden, sprang.Unauthenticated:
		if msg == "" {
			msg = x.t("api.denied_generic")
		}
		return &apiError{status: http.StatusForbidden, typ: typeAuthorization, msg: x.t("api.access_denied") + ": " + msg}
	case sprang.TooMany:
		return &apiError{status: http.StatusTooManyRequests, typ: typeRateLimit, msg: x.t("api.too_many_generic")}
	}
	return errInternal()
}

// validationOf builds the Validation Error of an Invalid or Conflict error.
func (x texts) validationOf(err error, se *sprang.Error, msg string, rename map[string]string) *apiError {
	if len(se.Fields) == 0 {
		if msg == "" {
			msg = x.t("api.invalid_generic")
		}
		return &apiError{status: http.StatusConflict, typ: typeValidation, msg: msg}
	}
	f := map[string][]string{}
	keys := make([]string, 0, len(se.Fields))
	for k := range se.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		name := k
		if n, ok := rename[k]; ok {
			name = n
		}
		text := x.message(err, se.Fields[k])
		if text == "" {
			text = x.t("api.invalid_generic")
		}
		f[name] = append(f[name], text)
	}
	return &apiError{status: http.StatusConflict, typ: typeValidation, fields: f}
}

// message translates a message key of err, with the arguments of an
// opendata.QueryError when err carries one for that key; "" when key is
// no catalog key.
func (x texts) message(err error, key string) string {
	if key == "" || !x.cat.Has(x.lang, key) {
		return ""
	}
	var qe *opendata.QueryError
	if errors.As(err, &qe) && qe.Key == key {
		return x.t(key, qe.Args...)
	}
	return x.t(key)
}
