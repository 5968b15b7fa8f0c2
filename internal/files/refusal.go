package files

import (
	"errors"
	"fmt"
	"strings"

	"sprang"
	"sprang/internal/i18n"
)

// The message keys of refused files, in internal/i18n/locales/files.*.json.
const (
	MsgTooLarge     = "files.too_large"     // %s: the largest size in MB
	MsgWrongType    = "files.wrong_type"    // %s: the accepted types in words
	MsgEmpty        = "files.empty"         // no placeholder
	MsgTextEncoding = "files.text_encoding" // no placeholder
	msgOr           = "files.or"            // the word joining the last two types
	msgTypePrefix   = "files.type."         // + media type: the type's name in words
)

// Refusal says why Put refused a file, with what fills the placeholders of
// its message. Put returns it as the Cause of an Invalid *sprang.Error
// whose Message is Key, so errors.As finds it.
type Refusal struct {
	Key      string   // one of the Msg* keys
	MaxBytes int64    // MsgTooLarge: the largest size accepted
	Types    []string // MsgWrongType: the media types accepted
}

// Error describes the refusal for logs.
func (r *Refusal) Error() string {
	switch r.Key {
	case MsgTooLarge:
		return fmt.Sprintf("file refused: larger than %d bytes", r.MaxBytes)
	case MsgWrongType:
		return "file refused: type not among " + strings.Join(r.Types, ", ")
	}
	return "file refused: " + r.Key
}

// Text returns the refusal as a sentence in lang that says how to fix it,
// e.g. "Filen är större än 10 MB. …" or "… Välj en fil av typen PDF,
// JPEG-bild eller PNG-bild.".
func (r *Refusal) Text(c *i18n.Catalog, lang i18n.Lang) string {
	switch r.Key {
	case MsgTooLarge:
		return c.T(lang, r.Key, SizeMB(lang, r.MaxBytes))
	case MsgWrongType:
		return c.T(lang, r.Key, TypeNames(c, lang, r.Types))
	}
	return c.T(lang, r.Key)
}

// Explain returns the text in lang for an error from Put that refused the
// file, and false for any other error (which is not the user's to fix).
func Explain(c *i18n.Catalog, lang i18n.Lang, err error) (string, bool) {
	var r *Refusal
	if !errors.As(err, &r) {
		return "", false
	}
	return r.Text(c, lang), true
}

// refuse returns the Invalid error Put gives for a refused file.
func refuse(r *Refusal) error {
	return &sprang.Error{Kind: sprang.Invalid, Message: r.Key, Cause: r}
}

// TypeName returns the name in words of an accepted media type in lang
// ("PDF", "JPEG-bild"), or the media type itself for any other.
func TypeName(c *i18n.Catalog, lang i18n.Lang, mediaType string) string {
	if key := msgTypePrefix + mediaType; c.Has(lang, key) {
		return c.T(lang, key)
	}
	return mediaType
}

// TypeNames returns the names in words of the media types as one phrase
// in lang: "PDF, JPEG-bild eller PNG-bild". Types are named in the order
// given, duplicates once.
func TypeNames(c *i18n.Catalog, lang i18n.Lang, types []string) string {
	var names []string
	seen := map[string]bool{}
	for _, t := range types {
		if n := TypeName(c, lang, t); !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + c.T(lang, msgOr) + " " + names[len(names)-1]
}

// SizeMB formats a size in bytes as megabytes (2^20 bytes, as file
// managers count) for a message: whole when it is whole ("10"), else with
// one decimal in lang's convention ("0,5"; two below 0.1 MB), never
// rounded up past n.
func SizeMB(lang i18n.Lang, n int64) string {
	const mb = 1 << 20
	if n%mb == 0 {
		return i18n.Number(lang, n/mb)
	}
	if tenths := n * 10 / mb; tenths > 0 {
		return i18n.Decimal(lang, float64(tenths)/10, 1)
	}
	return i18n.Decimal(lang, float64(n*100/mb)/100, 2)
}
