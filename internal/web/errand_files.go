package web

import (
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"unicode"

	"sprang"
)

// handleErrandFile sends an attachment of the errand named by {id}: a file
// of its answers or of a message or decision. Access is checked as for the
// errand page (404 for an errand or a file the user may not see), and the
// read is audited like reading the errand. The file is always a download
// (Content-Disposition: attachment) with the media type detected when it
// was uploaded, never sniffed, and a file name made safe.
func (s *Server) handleErrandFile(w http.ResponseWriter, r *http.Request) {
	ca, err := s.errandAccess(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, ok := casePathID(r, "file")
	if !ok {
		s.fail(w, r, errNoErrand)
		return
	}
	f, owner, err := s.db.FindFile(r.Context(), id)
	if sprang.ErrorKind(err) == sprang.NotFound || (err == nil && owner != ca.ErrandID) {
		err = errNoErrand
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.db.ReadErrand(r.Context(), ca.ErrandID, ca.reader()); err != nil {
		s.fail(w, r, err)
		return
	}
	data, err := s.readCaseFile(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", caseMediaType(f.MediaType))
	cd := mime.FormatMediaType("attachment", map[string]string{"filename": caseFileName(f.Name, f.MediaType)})
	if cd == "" { // a name the header cannot carry: the browser picks one
		cd = "attachment"
	}
	h.Set("Content-Disposition", cd)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(data)
}

// caseMediaType returns mt when it is a well-formed media type, else
// application/octet-stream.
func caseMediaType(mt string) string {
	if t, _, err := mime.ParseMediaType(mt); err == nil && strings.Contains(t, "/") {
		return t
	}
	return "application/octet-stream"
}

// caseFileName returns a file name safe to offer for download from the
// name an uploader gave: no directories, no control or quoting characters,
// at most 100 characters, and "bilaga" with the type's extension when
// nothing is left.
func caseFileName(name, mediaType string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || strings.ContainsRune(`"/\:*?<>|;`, r) || r == unicode.ReplacementChar {
			return -1
		}
		return r
	}, name)
	name = strings.Trim(strings.TrimSpace(name), ".")
	if rs := []rune(name); len(rs) > 100 {
		name = string(rs[len(rs)-100:])
	}
	if name == "" {
		name = "bilaga"
		if exts, _ := mime.ExtensionsByType(caseMediaType(mediaType)); len(exts) > 0 {
			name += exts[0]
		}
	}
	return name
}
