package web

import (
	"html/template"
	"math"
	"strings"

	"sprang/internal/followup"
	"sprang/internal/i18n"
)

// The yearly report as a page and a PDF show it: reportDocOf turns a
// followup.Report (a live draft or an issued version) into texts in the
// view's language, so that the page's template and the PDF write the
// same words. Statuses are words, never colours alone; a part whose
// module did not exist when the report was built says so.

// reportDoc is a report in words.
type reportDoc struct {
	Year          int
	Title         string
	IndicatorHead []string // the column headers of the indicator tables
	MaturityHead  []string // and of the maturity table
	Introduction  reportNarrative
	Perspectives  []reportPerspectiveDoc
	Initiatives   reportInitiativesDoc
	Maturity      reportMaturityDoc
	Competence    reportCompetenceDoc
	Findings      reportFindingsDoc
	Conclusion    reportNarrative
}

// reportNarrative is a narrative: its text (for the PDF) and the HTML
// it renders to (for the page). Lang is "sv" on pages in another
// language, since the development department writes in Swedish.
type reportNarrative struct {
	Text string
	HTML template.HTML
	Lang string
}

// reportPerspectiveDoc is one perspective with its indicators.
type reportPerspectiveDoc struct {
	ID        string // the heading's id, for the contents
	Heading   string
	Caption   string
	Narrative reportNarrative
	Available bool
	Rows      []reportIndicatorRow
}

// reportIndicatorRow is one indicator's line of the table, and its
// method below it.
type reportIndicatorRow struct {
	Name     unitName
	Value    string
	Previous string
	Target   string
	Status   reportStatus
	Method   unitName
	Note     string // the source and comment of a manual value
}

// reportStatus is a status in words with a mark that does not rely on
// colour.
type reportStatus struct {
	Text  string
	Mark  string
	Class string
}

// reportInitiativesDoc is the portfolio's part.
type reportInitiativesDoc struct {
	Available bool
	Summary   string
	Rows      []reportInitiativeRow
	Benefits  []reportBenefitRow
	Total     string
}

type reportInitiativeRow struct {
	Title        unitName
	Owner        unitName
	Status       string
	Perspectives string
	Benefit      string
}

type reportBenefitRow struct {
	Initiative  unitName
	Date        string
	Description unitName
	Value       string
	Indicator   string
}

// reportMaturityDoc is the maturity part.
type reportMaturityDoc struct {
	Available bool
	Rows      []reportMaturityRow
	Mean      reportMaturityRow
}

type reportMaturityRow struct {
	Unit       unitName
	Total      string
	Capability string
	Heritage   string
	Before     string
}

// reportCompetenceDoc is the competence part.
type reportCompetenceDoc struct {
	Available bool
	Lead      string
	Rows      []reportAreaRow
}

type reportAreaRow struct {
	Area        unitName
	Respondents string
	Mean        string
}

// reportFindingsDoc is the "not used fully" part.
type reportFindingsDoc struct {
	Available bool
	Rows      []reportFindingRow
}

type reportFindingRow struct {
	Kind    string
	Subject unitName
	Detail  unitName
}

// reportDocOf returns r in the view's language.
func reportDocOf(v *view, r followup.Report) reportDoc {
	d := reportDoc{Year: r.Year, Title: v.T("followup.report.title", r.Year),
		IndicatorHead: []string{v.T("followup.report.col.indicator"), v.T("followup.report.col.value", r.Year),
			v.T("followup.report.col.value", r.Year-1), v.T("followup.report.col.target", r.Year), v.T("followup.report.col.status")},
		MaturityHead: []string{v.T("followup.report.col.unit"), v.T("followup.report.col.maturity", r.Year), v.T("followup.report.col.capability"),
			v.T("followup.report.col.heritage"), v.T("followup.report.col.maturity", r.Year-1)},
		Introduction: reportNarrativeOf(v, r.Narratives.Introduction),
		Conclusion:   reportNarrativeOf(v, r.Narratives.Conclusion)}
	for _, p := range r.Perspectives {
		d.Perspectives = append(d.Perspectives, reportPerspectiveOf(v, r, p))
	}
	d.Initiatives = reportInitiativesOf(v, r)
	d.Maturity = reportMaturityOf(v, r)
	d.Competence = reportCompetenceOf(v, r)
	d.Findings = reportFindingsOf(v, r)
	return d
}

func reportPerspectiveOf(v *view, r followup.Report, p followup.ReportPerspective) reportPerspectiveDoc {
	name := v.T("followup.report.perspective." + string(p.Perspective))
	out := reportPerspectiveDoc{ID: "perspektiv-" + string(p.Perspective), Heading: name,
		Caption:   v.T("followup.report.indicators.caption", name, r.Year),
		Narrative: reportNarrativeOf(v, r.Narratives.For(p.Perspective)), Available: r.IndicatorsAvailable}
	for _, ind := range p.Indicators {
		row := reportIndicatorRow{Name: reportText(v, ind.Name), Method: reportText(v, ind.Method),
			Value: reportFigure(v, ind.Measure, ind.Value), Previous: reportFigure(v, ind.Measure, ind.Previous),
			Target: v.T("followup.report.no_target"), Status: reportStatusOf(v, ind.Status)}
		if ind.HasTarget {
			row.Target = reportFormat(v, ind.Measure, ind.Target)
		}
		if ind.Value.Known {
			row.Note = reportNote(v, ind.Value)
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// reportNote returns the source and comment of a manual value, or "".
func reportNote(v *view, val followup.ReportValue) string {
	note := val.Comment
	if val.Source != "" {
		note = strings.TrimSpace(v.T("followup.report.indicators.source", val.Source) + " " + note)
	}
	return note
}

// reportText returns t in the view's language, marked as Swedish when it
// falls back to the Swedish text on a page in another language.
func reportText(v *view, t followup.Text) unitName {
	n := unitName{Text: t.In(string(v.Lang))}
	if v.Lang != i18n.Swedish && n.Text == t.SV && t.SV != "" {
		n.Lang = string(i18n.Swedish)
	}
	return n
}

// reportNarrativeOf renders a narrative as the policy's Markdown is
// rendered (followup_markdown.go: no raw HTML, safe links only), its
// headings below the part's heading (level 2).
func reportNarrativeOf(v *view, text string) reportNarrative {
	if text == "" {
		return reportNarrative{}
	}
	n := reportNarrative{Text: text, HTML: renderMarkdown(text, 3)}
	if v.Lang != i18n.Swedish {
		n.Lang = string(i18n.Swedish)
	}
	return n
}

// reportFigure writes a value, or why there is none.
func reportFigure(v *view, m followup.Measure, val followup.ReportValue) string {
	if !val.Known {
		switch val.Reason {
		case followup.NoSourceModule, followup.Suppressed, followup.NotForUnit, followup.SourceFailed:
			return v.T("followup.report.reason." + string(val.Reason))
		}
		return v.T("followup.report.reason.no_data")
	}
	return reportFormat(v, m, val.Value)
}

// reportFormat writes figure f of measure m followed by its unit, with
// the dashboard's formatter (figureNumber): a share as a percentage,
// counts and kronor as whole numbers, at least two significant digits for
// a small figure.
func reportFormat(v *view, m followup.Measure, f float64) string {
	return figureWithUnit(v, "followup.report.measure.", m, f)
}

// reportKronor writes an amount of kronor per year.
func reportKronor(v *view, sek float64) string {
	return v.T("followup.report.measure.sek_year", i18n.Number(v.Lang, int64(math.Round(sek))))
}

// reportStatusOf returns a status in words with its mark.
func reportStatusOf(v *view, st followup.Status) reportStatus {
	switch st {
	case followup.OnTrack:
		return reportStatus{Text: v.T("followup.report.status.on_track"), Mark: "✓", Class: "tag"}
	case followup.AtRisk:
		return reportStatus{Text: v.T("followup.report.status.at_risk"), Mark: "!", Class: "tag"}
	case followup.OffTrack:
		return reportStatus{Text: v.T("followup.report.status.off_track"), Mark: "✕", Class: "tag tag--red"}
	}
	return reportStatus{Text: v.T("followup.report.status.none"), Mark: "–"}
}
