package web_test

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"sprang/internal/eservice"
	"sprang/internal/store"
)

// diaryLinkRE finds the diary numbers the inbox links to its errands.
var diaryLinkRE = regexp.MustCompile(`<th scope="row"><a href="/personal/arenden/(\d+)">([^<]+)</a></th>`)

// inboxDiaries returns the diary numbers of the inbox rows in body, in order.
func inboxDiaries(body string) []string {
	var out []string
	for _, m := range diaryLinkRE.FindAllStringSubmatch(body, -1) {
		out = append(out, m[2])
	}
	return out
}

func TestInboxFilters(t *testing.T) {
	t.Parallel()
	caseEngines(t, caseOpts{}, func(t *testing.T, e *caseEnv) {
		ctx := t.Context()
		hugo := e.users["hugo"].ID
		late := e.errand(t, e.byggSvc, errandOpts{})
		e.clock.Add(5 * 24 * time.Hour)
		paper := e.errand(t, e.byggSvc, errandOpts{channel: eservice.ChannelPaper})
		mine := e.errand(t, e.byggSvc, errandOpts{})
		closed := e.errand(t, e.byggSvc, errandOpts{})
		other := e.errand(t, e.skolaSvc, errandOpts{})
		for _, c := range []store.ErrandChange{
			{ErrandID: mine.ID, ByUserID: hugo, Assign: &hugo},
			{ErrandID: mine.ID, ByUserID: hugo, Status: "handlaggs"},
			{ErrandID: closed.ID, ByUserID: hugo, Status: "avslutat"},
		} {
			if _, err := e.db.ChangeErrand(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		e.clock.Add(8 * 24 * time.Hour) // late is past its ten days, the others are not
		all := []eservice.Errand{late, paper, mine, closed, other}
		b := e.as(t, "hugo")
		tests := []struct {
			name, query string
			want        []eservice.Errand // in this order
		}{
			{"default: open errands of my units, oldest first", "", []eservice.Errand{late, paper, mine}},
			{"closed too", "visa=alla", []eservice.Errand{late, paper, mine, closed}},
			{"mine", "tilldelad=jag", []eservice.Errand{mine}},
			{"unassigned", "tilldelad=ingen", []eservice.Errand{late, paper}},
			{"channel", "kanal=paper", []eservice.Errand{paper}},
			{"status", "status=handlaggs", []eservice.Errand{mine}},
			{"service", "tjanst=" + strconv.FormatInt(e.byggSvc.ID, 10), []eservice.Errand{late, paper, mine}},
			{"unit", "enhet=" + strconv.FormatInt(e.bygg.ID, 10), []eservice.Errand{late, paper, mine}},
			{"overdue", "forsenat=1", []eservice.Errand{late}},
			{"reference", "sok=" + url.QueryEscape(strings.ToLower(paper.Reference)), []eservice.Errand{paper}},
			{"diary number", "sok=" + url.QueryEscape(mine.DiaryNumber), []eservice.Errand{mine}},
			{"newest first", "ordning=nyast", []eservice.Errand{mine, paper, late}},
			{"due date", "ordning=forfallodag&visa=alla", []eservice.Errand{late, paper, mine, closed}},
		}
		for _, tt := range tests {
			resp, body := b.get("/personal/arenden?" + tt.query)
			wantStatus(t, tt.name, resp, body, 200, "")
			var want []string
			for _, er := range tt.want {
				want = append(want, er.DiaryNumber)
			}
			if got := inboxDiaries(body); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%s: rows %v, want %v", tt.name, got, want)
			}
			if !strings.Contains(body, fmt.Sprintf("%d ärenden matchar.", len(tt.want))) {
				t.Errorf("%s: count of %d not shown", tt.name, len(tt.want))
			}
		}
		// The overdue marker is text, not only colour.
		_, body := b.get("/personal/arenden?forsenat=1")
		if !strings.Contains(body, `<strong class="tag tag--red">försenat</strong>`) {
			t.Errorf("overdue marker missing:\n%s", body)
		}
		// Filters the form cannot send are refused with a message.
		for _, q := range []string{"tjanst=" + strconv.FormatInt(e.skolaSvc.ID, 10), "enhet=" + strconv.FormatInt(e.skola.ID, 10),
			"ordning=x", "tilldelad=alla", "kanal=fax", "status=nix", "visa=inga", "sok=" + strings.Repeat("x", 41)} {
			resp, body := b.get("/personal/arenden?" + q)
			wantStatus(t, q, resp, body, 422, "")
			if !strings.Contains(body, `class="error-summary"`) {
				t.Errorf("%s: no error summary", q)
			}
		}
		// The administrator of the group sees every unit's errands.
		_, body = e.as(t, "admin").get("/personal/arenden?visa=alla")
		if got := inboxDiaries(body); len(got) != len(all) {
			t.Errorf("admin sees %v, want all %d", got, len(all))
		}
		// "Tilldela mig" assigns and returns to the same inbox page.
		back := "/personal/arenden?kanal=paper"
		resp, body := b.post(errandPath(paper.ID, "tilldela"), url.Values{"tilldela": {"jag"}, "tillbaka": {back}})
		wantStatus(t, "assign me", resp, body, 303, back+"&gjort=assigned")
		_, body = b.get("/personal/arenden?tilldelad=jag")
		if got := inboxDiaries(body); len(got) != 2 {
			t.Errorf("after Tilldela mig: mine are %v", got)
		}
		// A return address elsewhere is not followed.
		resp, body = b.post(errandPath(late.ID, "tilldela"), url.Values{"tilldela": {"jag"}, "tillbaka": {"https://evil.example/personal/arenden"}})
		wantStatus(t, "assign me, foreign return", resp, body, 303, "/personal/arenden?gjort=assigned")
	})
}

func TestInboxPaging(t *testing.T) {
	t.Parallel()
	caseEngines(t, caseOpts{}, func(t *testing.T, e *caseEnv) {
		const n = 123
		want := map[string]bool{}
		for i := range n {
			if i%40 == 0 {
				e.clock.Add(time.Hour) // runs of equal times: the cursor's id breaks the ties
			}
			want[e.errand(t, e.byggSvc, errandOpts{}).DiaryNumber] = true
		}
		for _, query := range []string{"", "?ordning=nyast", "?ordning=forfallodag"} {
			b := e.as(t, "hugo")
			seen := map[string]bool{}
			var order []string
			path, pages := "/personal/arenden"+query, 0
			for path != "" {
				resp, body := b.get(path)
				wantStatus(t, path, resp, body, 200, "")
				if !strings.Contains(body, fmt.Sprintf("%d ärenden matchar.", n)) {
					t.Fatalf("%s: count missing", path)
				}
				for _, d := range inboxDiaries(body) {
					if seen[d] {
						t.Fatalf("%s: %s shown twice", query, d)
					}
					seen[d] = true
					order = append(order, d)
				}
				pages++
				path = link(body, "Nästa sida")
				if pages > 1 && link(body, "Första sidan") == "" {
					t.Errorf("%s page %d: no link to the first page", query, pages)
				}
			}
			if len(seen) != n || pages != 3 {
				t.Fatalf("%s: %d errands on %d pages, want %d on 3", query, len(seen), pages, n)
			}
			for d := range want {
				if !seen[d] {
					t.Errorf("%s: %s never shown", query, d)
				}
			}
			for i := 1; i < len(order); i++ { // diary numbers grow with submission
				less := order[i-1] < order[i]
				if (query == "?ordning=nyast") == less {
					t.Fatalf("%s: %s before %s", query, order[i-1], order[i])
				}
			}
		}
		// A cursor that was tampered with shows the first page.
		resp, body := e.as(t, "hugo").get("/personal/arenden?efter=nonsense")
		wantStatus(t, "bad cursor", resp, body, 200, "")
	})
}
