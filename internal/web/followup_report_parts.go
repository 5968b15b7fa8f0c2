package web

import (
	"strings"

	"sprang/internal/followup"
	"sprang/internal/i18n"
)

// The report's parts besides the indicators, in words (see
// followup_report_view.go).

func reportInitiativesOf(v *view, r followup.Report) reportInitiativesDoc {
	in := r.Initiatives
	names := map[string]string{} // indicator key → its name, for the benefits
	for _, p := range r.Perspectives {
		for _, ind := range p.Indicators {
			names[ind.Key] = ind.Name.In(string(v.Lang))
		}
	}
	out := reportInitiativesDoc{Available: in.Available, Total: reportKronor(v, in.BenefitSEK),
		Summary: v.T("followup.report.initiatives.summary", len(in.Items), in.Benefits, r.Year, reportKronor(v, in.BenefitSEK))}
	for _, it := range in.Items {
		var ps []string
		for _, p := range it.Perspectives {
			ps = append(ps, v.T("followup.report.perspective."+string(p)))
		}
		out.Rows = append(out.Rows, reportInitiativeRow{Title: reportText(v, it.Title), Owner: reportText(v, it.Owner),
			Status: v.T("followup.report.initiative_status." + string(it.Status)), Perspectives: strings.Join(ps, ", "),
			Benefit: reportKronor(v, it.BenefitSEK)})
		for _, b := range it.Benefits {
			row := reportBenefitRow{Initiative: reportText(v, it.Title), Date: i18n.Date(v.Lang, b.Date),
				Description: reportText(v, followup.Text{SV: b.Description}), Value: v.T("followup.report.not_valued"),
				Indicator: b.IndicatorKey}
			if name, ok := names[b.IndicatorKey]; ok {
				row.Indicator = name
			}
			if b.ValueSEK != 0 {
				row.Value = reportKronor(v, b.ValueSEK)
			}
			out.Benefits = append(out.Benefits, row)
		}
	}
	return out
}

func reportMaturityOf(v *view, r followup.Report) reportMaturityDoc {
	m := r.Maturity
	out := reportMaturityDoc{Available: m.Available,
		Mean: reportMaturityRowOf(v, unitName{Text: v.T("followup.report.maturity.mean")}, m.Mean, m.MeanBefore)}
	for _, u := range m.Units {
		out.Rows = append(out.Rows, reportMaturityRowOf(v, reportText(v, u.Unit), u.Year, u.Before))
	}
	return out
}

func reportMaturityRowOf(v *view, unit unitName, year, before followup.MaturityFigure) reportMaturityRow {
	none := v.T("followup.report.maturity.none")
	row := reportMaturityRow{Unit: unit, Total: none, Capability: none, Heritage: none, Before: none}
	if year.Known {
		row.Total = reportFormat(v, followup.MeasurePercent, year.Total)
		row.Capability = reportFormat(v, followup.MeasurePercent, year.Capability)
		row.Heritage = reportFormat(v, followup.MeasurePercent, year.Heritage)
	}
	if before.Known {
		row.Before = reportFormat(v, followup.MeasurePercent, before.Total)
	}
	return row
}

func reportCompetenceOf(v *view, r followup.Report) reportCompetenceDoc {
	c := r.Competence
	out := reportCompetenceDoc{Available: c.Available, Lead: v.T("followup.report.competence.lead", c.MinGroup)}
	for _, a := range c.Areas {
		row := reportAreaRow{Area: reportText(v, a.Name)}
		if a.Suppressed {
			row.Respondents = v.T("followup.report.competence.too_few", c.MinGroup)
			row.Mean = v.T("followup.report.competence.hidden")
		} else {
			row.Respondents = i18n.Number(v.Lang, int64(a.Respondents))
			row.Mean = i18n.Decimal(v.Lang, a.MeanLevel, 1)
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

func reportFindingsOf(v *view, r followup.Report) reportFindingsDoc {
	out := reportFindingsDoc{Available: r.NotUsedFully.Available}
	for _, f := range r.NotUsedFully.Items {
		kind := "followup.report.finding." + f.Kind
		if !v.cat.Has(v.Lang, kind) {
			kind = "followup.report.finding.other"
		}
		out.Rows = append(out.Rows, reportFindingRow{Kind: v.T(kind), Subject: reportText(v, f.Subject), Detail: reportText(v, f.Detail)})
	}
	return out
}
