package files

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxNameRunes is the longest file name CleanName returns, in characters.
const MaxNameRunes = 120

// DefaultStem is the name CleanName gives a file whose own name has nothing
// left after cleaning ("bilaga" is Swedish for attachment).
const DefaultStem = "bilaga"

// CleanName returns the name a file is shown and downloaded under, made
// from the name its uploader gave: only the last path element (of "/" or
// "\"), valid UTF-8 in NFC, without control or invisible formatting
// characters (such as the right-to-left override that makes
// "invoice\u202Efdp.exe" display as "invoiceexe.pdf"), without the
// characters Windows forbids in names, with runs of spaces made one, no
// leading dots or spaces and no trailing dots or spaces, at most
// MaxNameRunes characters. When mediaType is an accepted type and the name
// does not end in an extension of that type, the type's extension is
// appended ("run.bat" holding text becomes "run.bat.txt"), so a downloaded
// file opens as what it is, never as a program. It never fails: an empty
// result becomes DefaultStem plus the extension.
func CleanName(name, mediaType string) string {
	name = strings.ToValidUTF8(name, "")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(keepRune, name)
	name = norm.NFC.String(strings.Join(strings.Fields(name), " "))
	name = strings.TrimRight(strings.TrimLeft(name, ". "), ". ")
	stem, ext := splitExt(name)
	if exts := extensions[mediaType]; len(exts) > 0 && !containsFold(exts, ext) {
		stem, ext = name, exts[0]
	}
	stem = strings.TrimRight(stem, ". ")
	if stem == "" {
		stem = DefaultStem
	}
	if room := MaxNameRunes - utf8.RuneCountInString(ext); utf8.RuneCountInString(stem) > room {
		stem = strings.TrimRight(string([]rune(stem)[:room]), ". ")
		if stem == "" {
			stem = DefaultStem
		}
	}
	return stem + ext
}

// keepRune makes every space a plain space, drops control and formatting
// characters and replaces the characters Windows forbids in file names
// with an underscore.
func keepRune(r rune) rune {
	switch {
	case unicode.IsSpace(r): // tabs and line breaks too
		return ' '
	case unicode.IsControl(r), unicode.Is(unicode.Cf, r), r == utf8.RuneError:
		return -1
	case strings.ContainsRune(`<>:"|?*`, r):
		return '_'
	}
	return r
}

// splitExt splits name before its last dot, when the part after it looks
// like an extension (1–10 letters or digits): "a.tar.pdf" → "a.tar", ".pdf".
func splitExt(name string) (string, string) {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return name, ""
	}
	ext := name[i+1:]
	if ext == "" || utf8.RuneCountInString(ext) > 10 || strings.IndexFunc(ext, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) >= 0 {
		return name, ""
	}
	return name[:i], name[i:]
}

// containsFold reports whether list holds ext, ignoring case.
func containsFold(list []string, ext string) bool {
	for _, e := range list {
		if strings.EqualFold(e, ext) {
			return true
		}
	}
	return false
}
