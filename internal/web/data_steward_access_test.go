package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"sprang/internal/opendata"
)

// TestStewardAccess checks who reaches a dataset's pages: its unit's
// steward and the group's administrator do; another unit's steward gets
// 404 for every page and action, as if the dataset did not exist (drafts
// are private); a case officer gets 403; an anonymous visitor is sent to
// the login page, and an anonymous post is refused.
func TestStewardAccess(t *testing.T) {
	t.Parallel()
	stewardEngines(t, func(t *testing.T, e *stewardEnv) {
		dana := e.as(t, "dana")
		base := e.create(t, dana, e.miljo.ID, "Luftkvalitet")
		resp, body := dana.postFile(base+"/resurser", nil, "file", "luft.csv", []byte("Plats;Halt\nTorget;12,5\n"))
		wantStatus(t, "upload", resp, body, http.StatusSeeOther, base+"/resurser/")
		res := resourcePath(t, resp.Header.Get("Location"))
		other := e.create(t, e.as(t, "dora"), e.skola.ID, "Förskolor")

		anon := &browser{t: t, base: e.ts.URL, cookies: map[string]string{}, header: http.Header{}}
		clients := map[string]*browser{"dana": dana, "dora": e.as(t, "dora"), "hugo": e.as(t, "hugo"), "admin": e.as(t, "admin"), "anonymous": anon}
		valid := validDataset(e.miljo.ID, "luftkvalitet")
		for _, c := range []struct {
			who, method, path string
			form              url.Values
			want              int
		}{
			{"dana", "GET", base, nil, 200},
			{"admin", "GET", base, nil, 200},
			{"admin", "GET", res, nil, 200},
			{"dora", "GET", base, nil, 404},
			{"dora", "GET", res, nil, 404},
			{"dora", "GET", "/personal/data/finns-inte", nil, 404},
			{"dora", "POST", base, valid, 404},
			{"dora", "POST", base + "/publicera", url.Values{"action": {"publish"}}, 404},
			{"dora", "POST", base + "/resurser", url.Values{"link_url": {"https://example.se/a.csv"}, "link_format": {"CSV"}}, 404},
			{"dora", "POST", res, url.Values{"action": {"save"}, "title_sv": {"x"}}, 404},
			{"dana", "GET", other, nil, 404},
			{"dana", "GET", base + "/resurser/" + lastSegment(other), nil, 404},
			{"hugo", "GET", "/personal/data", nil, 403},
			{"hugo", "GET", base, nil, 403},
			{"hugo", "POST", "/personal/data", url.Values{"unit": {strconv.FormatInt(e.miljo.ID, 10)}, "title_sv": {"x"}}, 403},
			{"hugo", "POST", base + "/publicera", url.Values{"action": {"publish"}}, 403},
			{"anonymous", "GET", base, nil, 303},
			{"anonymous", "POST", base, valid, 401},
			{"dana", "POST", "/personal/data", url.Values{"unit": {strconv.FormatInt(e.skola.ID, 10)}, "title_sv": {"Fel enhet"}}, 422},
		} {
			b := clients[c.who]
			var resp *page
			var body string
			if c.method == "GET" {
				resp, body = b.get(c.path)
			} else {
				resp, body = b.post(c.path, c.form)
			}
			if resp.StatusCode != c.want {
				t.Errorf("%s %s %s: status %d, want %d\n%.300s", c.who, c.method, c.path, resp.StatusCode, c.want, body)
			}
		}
		if en := e.dataset(t, base); en.Dataset.State != opendata.Draft || en.Dataset.ContactName != "" {
			t.Errorf("someone else changed the dataset: %+v", en.Dataset)
		}

		// Each steward's list shows their units' datasets only.
		_, body = dana.get("/personal/data")
		if !strings.Contains(body, base) || strings.Contains(body, other) {
			t.Errorf("dana's list:\n%s", body)
		}
		_, body = clients["admin"].get("/personal/data")
		wantBody(t, "admin's list", body, base, other)
	})
}

// TestStewardResources checks the resource forms: a file that is empty,
// of an unknown format or missing, and a link with a bad address or no
// format, are refused with a message saying what to do, and nothing is
// kept; a good link and a PDF are added (the PDF is not loaded).
func TestStewardResources(t *testing.T) {
	t.Parallel()
	stewardEngines(t, func(t *testing.T, e *stewardEnv) {
		b := e.as(t, "dana")
		base := e.create(t, b, e.miljo.ID, "Politiska sammanträden")
		for _, c := range []struct {
			name, file string
			content    []byte
			want       string
		}{
			{"empty file", "tom.csv", []byte{}, `<a href="#file">Filen är tom`},
			{"unknown format", "program.exe", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), `<a href="#file">Vi känner inte igen filens format`},
			{"no file", "", nil, `<a href="#file">Välj en fil`},
		} {
			resp, body := b.postFile(base+"/resurser", url.Values{"file_title": {"Protokoll"}}, "file", c.file, c.content)
			wantStatus(t, c.name, resp, body, 422, "")
			wantBody(t, c.name, body, c.want, `value="Protokoll"`)
		}
		resp, body := b.post(base+"/resurser", url.Values{"link_title": {"Karta"}, "link_url": {"kartor.kommun.se"}, "link_format": {"PNG"}})
		wantStatus(t, "bad link", resp, body, 422, "")
		wantBody(t, "bad link", body, `<a href="#link_url">Skriv en hel webbadress`, `<a href="#link_format">Välj ett format`)
		if en := e.dataset(t, base); len(en.Distributions) != 0 {
			t.Fatalf("refused resources were kept: %+v", en.Distributions)
		}

		resp, body = b.post(base+"/resurser", url.Values{"link_title": {"Sammanträden"}, "link_url": {"https://kommun.example.se/moten.json"}, "link_format": {"JSON"}})
		wantStatus(t, "link", resp, body, http.StatusSeeOther, base+"/resurser/")
		link := resourcePath(t, resp.Header.Get("Location"))
		resp, body = b.post(link, url.Values{"action": {"save"}, "title_sv": {"Sammanträden"}, "url": {"ftp://x"}, "format": {"JSON"}})
		wantStatus(t, "link edit", resp, body, 422, "")
		wantBody(t, "link edit", body, `<a href="#url">`)
		resp, body = b.postFile(link, nil, "file", "a.csv", bathCSV)
		wantStatus(t, "version of a link", resp, body, 404, "")

		resp, body = b.postFile(base+"/resurser", nil, "file", "Protokoll 2024-01.pdf", samplePDF)
		wantStatus(t, "pdf", resp, body, http.StatusSeeOther, base+"/resurser/")
		pdf := resourcePath(t, resp.Header.Get("Location"))
		up, err := e.db.Upload(t.Context(), lastSegment(pdf), 0)
		if err != nil {
			t.Fatal(err)
		}
		if up.LoadState != opendata.LoadNone || up.MediaType != "application/pdf" {
			t.Errorf("pdf upload: %+v", up)
		}
		_, body = b.get(pdf)
		wantBody(t, "pdf page", body, "inte en tabell", "Protokoll 2024-01.pdf", "PDF")
		en := e.dataset(t, base)
		if len(en.Distributions) != 2 || en.Distributions[0].Kind != opendata.KindLink || en.Distributions[1].Format != "PDF" {
			t.Errorf("distributions: %+v", en.Distributions)
		}
		_, body = b.get(base)
		wantBody(t, "dataset page", body, `id="resurs-`+lastSegment(link)+`"`, "Sammanträden", "Protokoll 2024-01.pdf")
	})
}
