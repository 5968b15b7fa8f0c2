package ckan

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sprang/internal/dataexport"
	"strconv"
	"strings"
	"sync"
)

// contentTypeJSON is the media type of every answer, as CKAN writes it.
const contentTypeJSON = "application/json;charset=utf-8"

// rawJSON is a result that is already encoded: the envelope writes it as
// it is (datastore_search builds its records this way, without reflection).
type rawJSON []byte

// bufPool keeps response buffers between requests.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// helpURL returns the "help" member of the envelope: the URL of
// help_show for the action, as CKAN gives it. An answer of the download
// (/datastore/dump/…, also a 429 before it runs) names the download's
// help, dumpHelpName.
func (a *API) helpURL(r *http.Request, action string) string {
	if action == "" && strings.HasPrefix(r.URL.Path, "/datastore/dump/") {
		action = dumpHelpName
	}
	return a.baseURL(r) + "/api/3/action/help_show?name=" + action
}

// baseURL returns the platform's public URL, or the request's own scheme
// and host when none is configured (tests, development).
func (a *API) baseURL(r *http.Request) string {
	if a.d.BaseURL != "" {
		return a.d.BaseURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// writeResult writes CKAN's success envelope around result:
// {"help": "…", "success": true, "result": …}. A rawJSON result is copied
// as it is; anything else goes through encoding/json. An encoding error
// is logged and becomes a 500.
func (a *API) writeResult(w http.ResponseWriter, r *http.Request, action string, result any) {
	buf := bufPool.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= 1<<20 {
			buf.Reset()
			bufPool.Put(buf)
		}
	}()
	buf.Reset()
	b := buf.AvailableBuffer()
	b = append(b, `{"help":`...)
	b = dataexport.AppendJSONString(b, a.helpURL(r, action))
	b = append(b, `,"success":true,"result":`...)
	buf.Write(b)
	if raw, ok := result.(rawJSON); ok {
		buf.Write(raw)
	} else {
		enc := json.NewEncoder(buf)
		enc.SetEscapeHTML(true)
		if err := enc.Encode(result); err != nil {
			a.log.ErrorContext(r.Context(), "api: encode result", "action", action, "error", err.Error())
			a.writeError(w, r, action, errInternal())
			return
		}
		buf.Truncate(buf.Len() - 1) // Encode's newline
	}
	buf.WriteString("}\n")
	h := w.Header()
	h.Set("Content-Type", contentTypeJSON)
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
}

// writeError writes e as CKAN does: the failure envelope
// {"help": "…", "success": false, "error": {"__type": …, …}} with e's
// status, or, for the errors CKAN answers before it runs an action (an
// unknown action, a body that is no JSON object), a bare JSON string.
func (a *API) writeError(w http.ResponseWriter, r *http.Request, action string, e *apiError) {
	var body []byte
	if e.bare {
		body = dataexport.AppendJSONString(nil, e.msg)
	} else {
		env := struct {
			Help    string         `json:"help"`
			Success bool           `json:"success"`
			Error   map[string]any `json:"error"`
		}{Help: a.helpURL(r, action), Error: e.body()}
		var err error
		if body, err = json.Marshal(env); err != nil { // maps of strings and lists: cannot fail
			body = []byte(`{"success":false}`)
		}
	}
	h := w.Header()
	h.Set("Content-Type", contentTypeJSON)
	h.Set("Content-Length", strconv.Itoa(len(body)+1))
	if e.retryAfter > 0 {
		h.Set("Retry-After", strconv.Itoa(e.retryAfter))
	}
	w.WriteHeader(e.status)
	_, _ = w.Write(append(body, '\n'))
}
