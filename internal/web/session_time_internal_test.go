package web

import (
	"net/url"
	"testing"
	"time"

	"sprang/internal/i18n"
)

func TestDurationText(t *testing.T) {
	t.Parallel()
	cat := i18n.MustLoad()
	tests := []struct {
		d      time.Duration
		sv, en string
	}{
		{30 * time.Minute, "30 minuter", "30 minutes"},
		{5 * time.Hour, "5 timmar", "5 hours"},
		{12 * time.Hour, "12 timmar", "12 hours"},
		{time.Hour, "1 timme", "1 hour"},
		{time.Minute, "1 minut", "1 minute"},
		{90 * time.Minute, "1 timme och 30 minuter", "1 hour and 30 minutes"},
		{2*time.Hour + time.Minute, "2 timmar och 1 minut", "2 hours and 1 minute"},
		{20 * time.Second, "20 sekunder", "20 seconds"},
		{time.Second, "1 sekund", "1 second"},
		{90 * time.Second, "1 minut", "1 minute"}, // a limit is never overstated
		{200 * time.Second, "3 minuter", "3 minutes"},
	}
	for _, tt := range tests {
		for lang, want := range map[i18n.Lang]string{i18n.Swedish: tt.sv, i18n.English: tt.en} {
			if got := durationText(&view{Lang: lang, cat: cat}, tt.d); got != want {
				t.Errorf("durationText(%s, %v) = %q, want %q", lang, tt.d, got, want)
			}
		}
	}
}

func TestIdleNotice(t *testing.T) {
	t.Parallel()
	cat := i18n.MustLoad()
	tests := []struct {
		name string
		sess *Session
		path string
		want string
	}{
		{"anonymous", nil, "/", ""},
		{"logged in", &Session{UserID: 1, Idle: 30 * time.Minute}, "/personal", "Du loggas ut efter 30 minuter utan aktivitet."},
		{"more time chosen", &Session{ResidentID: 1, Idle: 5 * time.Hour, IdleChosen: true}, "/", "Du loggas ut efter 5 timmar utan aktivitet."},
		{"on the more-time page", &Session{UserID: 1, Idle: 30 * time.Minute}, moreTimePath, ""},
		{"no limit known", &Session{UserID: 1}, "/", ""},
	}
	for _, tt := range tests {
		v := &view{Lang: i18n.Swedish, Path: tt.path, Session: tt.sess, cat: cat}
		if got := v.IdleNotice(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// FuzzMoreTimeURL: whatever next a request carries, the more-time page's
// URL is a local path that leads back to a local path.
func FuzzMoreTimeURL(f *testing.F) {
	for _, s := range []string{"", "/", "/personal", "/mina-sidor?x=1&y=2", "//evil.example", "https://evil.example/", "/%2F%2Fevil", "/\\evil", "/mer-tid?next=%2Fpersonal"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, next string) {
		u := moreTimeURL(safeNext(next))
		parsed, ok := localURL(u)
		if !ok || parsed.Path != moreTimePath {
			t.Fatalf("moreTimeURL(%q) = %q: not the local more-time page", next, u)
		}
		back := parsed.Query().Get("next")
		if back == "" {
			return
		}
		if _, ok := localURL(back); !ok || safeNext(back) != back {
			t.Fatalf("moreTimeURL(%q) = %q leads back to %q, not a local path", next, u, back)
		}
		if q, err := url.ParseQuery(parsed.RawQuery); err != nil || len(q) != 1 {
			t.Fatalf("moreTimeURL(%q) = %q: query %v, %v", next, u, q, err)
		}
	})
}
