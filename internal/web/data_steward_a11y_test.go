package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestStewardPageStructure checks the steward's pages' headings and
// numbers: the problems that block publishing are a level-3 heading
// inside the level-2 section "Publicering", and the quality report's
// smallest and largest values have the decimal comma of a Swedish page.
func TestStewardPageStructure(t *testing.T) {
	t.Parallel()
	stewardEngines(t, func(t *testing.T, e *stewardEnv) {
		b := e.as(t, "dana")
		base := e.create(t, b, e.miljo.ID, "Luftkvalitet")
		_, body := b.get(base)
		section := body[strings.Index(body, `<h2 id="publicering">`):]
		section = section[:strings.Index(section, `<h2 id="uppgifter">`)]
		wantBody(t, "publishing section", section, `<h3 id="problems-title">`)
		if strings.Contains(section, "<h2 id=\"problems-title\"") || strings.Count(section, "<h2") != 1 {
			t.Errorf("the publishing section has a level-2 heading inside it:\n%s", section)
		}

		resp, body := b.postFile(base+"/resurser", nil, "file", "prover.csv", bathCSV)
		wantStatus(t, "upload", resp, body, http.StatusSeeOther, base+"/resurser/")
		_, body = b.get(resourcePath(t, resp.Header.Get("Location")))
		wantBody(t, "resource page", body, "<td>17,25 – 19")
		if strings.Contains(body, "17.25") {
			t.Error("the steward's quality report writes a decimal point on a Swedish page")
		}
	})
}
