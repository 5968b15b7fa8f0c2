package web

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/opendata"
)

// TestDataHelpers checks the small pure helpers of the open data pages.
func TestDataHelpers(t *testing.T) {
	t.Parallel()
	t.Run("excerpt", func(t *testing.T) {
		t.Parallel()
		long := strings.Repeat("ord ", 100)
		for _, c := range []struct{ in, want string }{
			{"", ""},
			{"Kort text.\n\nAndra stycket.", "Kort text."},
			{"  många   mellanslag\n på  rader ", "många mellanslag på rader"},
		} {
			if got := excerpt(c.in); got != c.want {
				t.Errorf("excerpt(%q) = %q, want %q", c.in, got, c.want)
			}
		}
		got := excerpt(long)
		if !strings.HasSuffix(got, "ord…") || utf8.RuneCountInString(got) > excerptRunes+1 {
			t.Errorf("excerpt of a long text = %q", got)
		}
	})
	t.Run("sortField", func(t *testing.T) {
		t.Parallel()
		for _, c := range []struct{ in, want string }{
			{"Område", "Område"},
			{"Temperatur (°C)", "Temperatur (°C)"},
			{"a, b", `"a, b"`},
			{`säg "hej"`, `"säg ""hej"""`},
			{"Ordning desc", `"Ordning desc"`},
			{" kant", `" kant"`},
		} {
			if got := sortField(c.in); got != c.want {
				t.Errorf("sortField(%q) = %q, want %q", c.in, got, c.want)
			}
			cols := []opendata.Column{{Name: c.in, Type: opendata.TypeText}}
			keys, err := opendata.ParseSort(sortField(c.in)+" desc", cols)
			if err != nil || len(keys) != 1 || keys[0].Field != c.in || !keys[0].Desc {
				t.Errorf("ParseSort(sortField(%q) desc) = %v, %v", c.in, keys, err)
			}
		}
	})
	t.Run("downloadName", func(t *testing.T) {
		t.Parallel()
		for _, c := range []struct{ in, want string }{
			{"vattenprover.csv", "vattenprover.csv"},
			{`C:\Users\x\Mätningar "2025".csv`, "Mätningar 2025.csv"},
			{"../../etc/passwd", "passwd"},
			{"a\x00b\r\n.csv", "ab.csv"},
			{"", "data-v3.csv"},
			{"..", "data-v3.csv"},
		} {
			if got := downloadName(opendata.Upload{FileName: c.in, Version: 3, MediaType: "text/csv"}, "data"); got != c.want {
				t.Errorf("downloadName(%q) = %q, want %q", c.in, got, c.want)
			}
		}
		if got := downloadName(opendata.Upload{FileName: strings.Repeat("å", 300) + ".csv"}, "x"); len(got) > 200 || !strings.HasSuffix(got, ".csv") || !utf8.ValidString(got) {
			t.Errorf("a long name gives %q", got)
		}
	})
	t.Run("downloadMediaType", func(t *testing.T) {
		t.Parallel()
		for in, want := range map[string]string{"text/csv": "text/csv", "text/csv; charset=windows-1252": "text/csv; charset=windows-1252",
			"text/html": "application/octet-stream", "image/svg+xml": "application/octet-stream", "": "application/octet-stream",
			"nonsense;;": "application/octet-stream", "application/pdf": "application/pdf"} {
			if got := downloadMediaType(in); got != want {
				t.Errorf("downloadMediaType(%q) = %q, want %q", in, got, want)
			}
		}
	})
	t.Run("etagMatches", func(t *testing.T) {
		t.Parallel()
		for _, c := range []struct {
			header string
			want   bool
		}{{`"abc"`, true}, {`W/"abc"`, true}, {`"x", "abc"`, true}, {"*", true}, {`"x"`, false}, {"", false}} {
			if got := etagMatches(c.header, `"abc"`); got != c.want {
				t.Errorf("etagMatches(%q) = %v", c.header, got)
			}
		}
	})
}

// TestCellText checks how the preview writes each column type's values.
func TestCellText(t *testing.T) {
	t.Parallel()
	sv := &view{Lang: i18n.Swedish, cat: i18n.MustLoad()}
	en := &view{Lang: i18n.English, cat: sv.cat}
	for _, c := range []struct {
		v       *view
		in      any
		want    string
		comment string
	}{
		{sv, nil, "", "null"},
		{sv, "Domsjö", "Domsjö", "text"},
		{sv, int64(-12), "-12", "int"},
		{sv, 12.5, "12,5", "numeric, Swedish"},
		{en, 12.5, "12.5", "numeric, English"},
		{sv, true, "ja", "bool"},
		{en, false, "no", "bool, English"},
		{sv, "2025-06-30", "2025-06-30", "date"},
		{sv, time.Date(2025, 6, 30, 12, 0, 0, 0, time.UTC), "2025-06-30 12:00:00", "timestamp"},
	} {
		if got := cellText(c.v, c.in); got != c.want {
			t.Errorf("%s: cellText(%v) = %q, want %q", c.comment, c.in, got, c.want)
		}
	}
}

// uiTree is a unit tree for the search's parameters.
func uiTree(t testing.TB) *identity.Tree {
	t.Helper()
	tree, err := identity.BuildTree([]identity.Unit{
		{ID: 1, Kind: identity.KindGroup, Slug: "kommunen", NameSV: "Kommunen"},
		{ID: 2, ParentID: 1, Kind: identity.KindForvaltning, Slug: "miljo", NameSV: "Miljö"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// FuzzDataSearchParams: any query string is a search (unknown values are
// left out), and the URL the page writes for it reads back to the same
// search.
func FuzzDataSearchParams(f *testing.F) {
	for _, s := range []string{"", "q=vatten&tema=ENVI&tema=HEAL&utgivare=miljo&format=CSV&licens=CC0-1.0&hvd=1&sortering=title&sida=3",
		"tema=x&utgivare=&sida=-1&sortering=%ff", "q=%22%29+OR+1%3D1", "sida=99999999999999999999"} {
		f.Add(s)
	}
	tree := uiTree(f)
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		ds := parseDataSearch(q, tree, "sv")
		if ds.page < 1 || ds.q.Offset < 0 || ds.q.Limit != dataPageSize {
			t.Fatalf("page %d offset %d limit %d", ds.page, ds.q.Offset, ds.q.Limit)
		}
		if ds.q.Text != "" && (!utf8.ValidString(ds.q.Text) || utf8.RuneCountInString(ds.q.Text) > maxSearchRunes) {
			t.Fatalf("search text %q", ds.q.Text)
		}
		u, err := url.Parse(ds.url(ds.page))
		if err != nil {
			t.Fatalf("url %q: %v", ds.url(ds.page), err)
		}
		again := parseDataSearch(u.Query(), tree, "sv")
		if again.url(again.page) != ds.url(ds.page) {
			t.Fatalf("round trip: %q then %q", ds.url(ds.page), again.url(again.page))
		}
	})
}

// FuzzPreviewParams: any query string of a resource page is either a
// NotFound version or parameters whose URL reads back to themselves.
func FuzzPreviewParams(f *testing.F) {
	for _, s := range []string{"", "version=2&sida=3&sortera=Temperatur+(%C2%B0C)+desc&kolumn=Omr%C3%A5de&varde=Domsj%C3%B6&q=bad",
		"version=x", "version=-1", "sida=abc", "varde=&kolumn=x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		pp, err := parsePreviewParams(q)
		if err != nil {
			if !errors.Is(err, errNoVersion) {
				t.Fatalf("error %v", err)
			}
			return
		}
		if pp.page < 1 || pp.version < 0 {
			t.Fatalf("page %d version %d", pp.page, pp.version)
		}
		pp.base, pp.shownVersion = "/data/x/resurser/y", pp.version
		u, err := url.Parse(pp.url(pp.page, pp.sort))
		if err != nil {
			t.Fatal(err)
		}
		again, err := parsePreviewParams(u.Query())
		if err != nil {
			t.Fatalf("%q: %v", u, err)
		}
		again.base, again.shownVersion = pp.base, again.version
		if again.url(again.page, again.sort) != pp.url(pp.page, pp.sort) {
			t.Fatalf("round trip: %q then %q", pp.url(pp.page, pp.sort), again.url(again.page, again.sort))
		}
	})
}

// FuzzDownloadName: a download's name is never empty, is valid UTF-8 of
// at most 200 bytes, and holds no path, quote or control character.
func FuzzDownloadName(f *testing.F) {
	for _, s := range []string{"vattenprover.csv", `..\..\x".csv`, "\x00", "", strings.Repeat("ö", 150)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got := downloadName(opendata.Upload{FileName: name, Version: 1}, "data")
		if got == "" || len(got) > 200 || !utf8.ValidString(got) || strings.ContainsAny(got, "/\\\"") ||
			strings.ContainsFunc(got, unicode.IsControl) || got == "." || got == ".." {
			t.Fatalf("downloadName(%q) = %q", name, got)
		}
	})
}
