package web

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"sprang"
	"sprang/internal/followup"
	"sprang/internal/i18n"
	"sprang/internal/identity"
)

// The forms of the initiative portfolio: the initiative (a short form to
// create one on the list page, the whole form on its page), a realized
// benefit and the supplier's sustainability criteria. Values are read
// here into the domain types; what the domain checks (followup's
// Validate) is checked there, what only the form can get wrong (a date
// or an amount that does not parse, a slug that names nothing) here.

// iniMsg prefixes the message keys of the portfolio's pages.
const iniMsg = "followup.initiatives."

// iniValues returns the form values of ini, with the slugs of the
// e-services and datasets it produced.
func iniValues(ini followup.Initiative, serviceSlugs, datasetSlugs []string) url.Values {
	vals := url.Values{
		"title": {ini.Title}, "description": {ini.Description}, "owner": {iniID(ini.OwnerUnitID)},
		"contact_name": {ini.ContactName}, "contact_email": {ini.ContactEmail}, "status": {string(ini.Status)},
		"start": {iniDateValue(ini.Start)}, "end": {iniDateValue(ini.End)}, "budget": {iniAmountValue(ini.BudgetSEK)},
		"hypothesis": {ini.BenefitHypothesis}, "indicators": {strings.Join(ini.Indicators, ", ")},
		"services": {strings.Join(serviceSlugs, ", ")}, "datasets": {strings.Join(datasetSlugs, ", ")},
	}
	for _, id := range ini.ParticipantUnitIDs {
		vals.Add("participants", iniID(id))
	}
	for _, p := range ini.Perspectives {
		vals.Add("perspectives", string(p))
	}
	for _, g := range ini.Goals {
		vals.Add("goals", strconv.Itoa(g))
	}
	if ini.Supplier != nil {
		vals.Set("supplier_name", ini.Supplier.Name)
		vals.Set("supplier_org", ini.Supplier.OrgNumber)
	}
	return vals
}

// iniFromForm returns the initiative the posted vals describe over base
// (its id, benefits and criteria kept), the slugs of the e-services and
// datasets it names, and the problems only the form can have (field →
// message key).
func iniFromForm(base followup.Initiative, vals url.Values) (ini followup.Initiative, services, datasets []string, errs map[string]string) {
	errs = map[string]string{}
	ini = base
	ini.Title, ini.Description = vals.Get("title"), vals.Get("description")
	ini.ContactName, ini.ContactEmail = vals.Get("contact_name"), vals.Get("contact_email")
	ini.BenefitHypothesis, ini.Status = vals.Get("hypothesis"), followup.InitiativeStatus(vals.Get("status"))
	ini.OwnerUnitID = iniParseID(vals.Get("owner"))
	ini.ParticipantUnitIDs = nil
	for _, v := range vals["participants"] {
		if id := iniParseID(v); id > 0 {
			ini.ParticipantUnitIDs = append(ini.ParticipantUnitIDs, id)
		} else {
			errs["participants"] = iniMsg + "e.unit_unknown"
		}
	}
	ini.Perspectives = nil
	for _, p := range vals["perspectives"] {
		ini.Perspectives = append(ini.Perspectives, followup.Perspective(p))
	}
	ini.Goals = nil
	for _, g := range vals["goals"] {
		n, err := strconv.Atoi(g)
		if err != nil {
			n = -1
		}
		ini.Goals = append(ini.Goals, n)
	}
	ini.Start = iniParseDate(vals.Get("start"), "start", errs)
	ini.End = iniParseDate(vals.Get("end"), "end", errs)
	ini.BudgetSEK = iniParseAmount(vals.Get("budget"), "budget", errs)
	ini.Indicators = iniList(vals.Get("indicators"))
	ini.Supplier = nil
	if name, org := strings.TrimSpace(vals.Get("supplier_name")), strings.TrimSpace(vals.Get("supplier_org")); name != "" || org != "" {
		ini.Supplier = &followup.Supplier{Name: name, OrgNumber: org}
		if base.Supplier != nil {
			ini.Supplier.Criteria = base.Supplier.Criteria
		}
	}
	iniMergeErrors(errs, ini.Normalize().Validate())
	return ini, iniList(vals.Get("services")), iniList(vals.Get("datasets")), errs
}

// iniMergeErrors adds the field errors of err (an Invalid error of the
// domain's checks) to errs, keeping the form's own problem where a field
// has both, so that one answer lists every problem of the form.
func iniMergeErrors(errs map[string]string, err error) {
	for field, key := range sprang.ErrorFields(err) {
		if _, ok := errs[field]; !ok {
			errs[field] = key
		}
	}
}

// iniBenefitFromForm returns the benefit of the posted form and the
// problems only the form can have.
func iniBenefitFromForm(vals url.Values) (followup.Benefit, map[string]string) {
	errs := map[string]string{}
	b := followup.Benefit{Description: vals.Get("benefit_description"), IndicatorKey: strings.TrimSpace(vals.Get("benefit_indicator"))}
	b.Date = iniParseDate(vals.Get("benefit_date"), "benefit_date", errs)
	b.ValueSEK = iniParseAmount(vals.Get("benefit_value"), "benefit_value", errs)
	iniMergeErrors(errs, b.Validate())
	return b, errs
}

// iniCriteriaFromForm returns the assessments of the posted form: one
// per criterion with an answer or evidence (a criterion left blank is
// not assessed). None at all is a problem on the first criterion.
func iniCriteriaFromForm(vals url.Values) ([]followup.Criterion, map[string]string) {
	var out []followup.Criterion
	for _, k := range followup.CriterionKinds() {
		met, evidence := vals.Get("met_"+string(k)), strings.TrimSpace(vals.Get("evidence_"+string(k)))
		if met == "" && evidence == "" {
			continue
		}
		out = append(out, followup.Criterion{Kind: k, Met: followup.Fulfilment(met), Evidence: evidence})
	}
	if len(out) == 0 {
		return nil, map[string]string{"met_" + string(followup.CriterionKinds()[0]): iniMsg + "e.criteria_none"}
	}
	errs := map[string]string{}
	for _, c := range out {
		iniMergeErrors(errs, c.Validate())
	}
	return out, errs
}

// iniList reads a comma-separated list, trimmed, without empty items.
func iniList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// iniParseDate reads a date written YYYY-MM-DD (single-digit months and
// days too); "" is the zero time, anything else that does not parse a
// problem on field.
func iniParseDate(s, field string, errs map[string]string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse("2006-1-2", s)
	if err != nil || t.Year() < 1990 || t.Year() > 2100 {
		errs[field] = iniMsg + "e.date_invalid"
		return time.Time{}
	}
	return t
}

// iniParseAmount reads an amount of kronor with followup.ParseNumber
// ("450 000", "1 234,50"; exponents, hex, "NaN" and "Inf" are refused),
// after a trailing "kr" or ":-" as people write it; "" is 0, a negative,
// too large or unreadable amount a problem on field.
func iniParseAmount(s, field string, errs map[string]string) float64 {
	clean := strings.TrimSpace(s)
	for _, suffix := range []string{"kr", "Kr", "KR", ":-"} {
		clean = strings.TrimSpace(strings.TrimSuffix(clean, suffix))
	}
	if clean == "" {
		return 0
	}
	f, err := followup.ParseNumber(clean)
	if err != nil || f < 0 || f > followup.MaxSEK {
		errs[field] = iniMsg + "e.amount_invalid"
		return 0
	}
	return f
}

// iniParseID reads a positive decimal id, or 0.
func iniParseID(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// iniID writes an id for a form, "" for 0.
func iniID(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// iniDateValue writes a date for a form, "" for the zero time.
func iniDateValue(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// iniAmountValue writes an amount for a form: whole kronor as digits,
// "" for 0.
func iniAmountValue(f float64) string {
	if f == 0 {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// iniSEK writes an amount of kronor for reading, rounded to whole
// kronor: "12 345 kr".
func iniSEK(v *view, f float64) string {
	return v.T(iniMsg+"sek", i18n.Number(v.Lang, int64(f+0.5)))
}

// iniForm describes the whole initiative form over vals with the errors
// errs (field → text); short leaves out what the create form does not ask.
func (s *Server) iniForm(v *view, acc *access, vals url.Values, errs map[string]string, short bool) *bForm {
	f := newBForm(v, vals, errs)
	f.section(iniMsg+"form.about", "")
	f.text("title", iniMsg+"f.title", iniMsg+"h.title")
	f.area("description", iniMsg+"f.description", iniMsg+"h.description", 5)
	f.choice("select", "owner", iniMsg+"f.owner", iniMsg+"h.owner", iniOwnerOptions(v, acc))
	f.choice("select", "status", iniMsg+"f.status", "", iniStatusOptions(v, ""))
	f.choice("checkboxes", "perspectives", iniMsg+"f.perspectives", iniMsg+"h.perspectives", iniPerspectiveOptions(v))
	f.add(bField{Kind: "text", Name: "start", Label: v.T(iniMsg + "f.start"), Hint: v.T(iniMsg + "h.date"), Width: "10", Code: true, Inputmode: "numeric"})
	if short {
		f.summary()
		return f
	}
	f.add(bField{Kind: "text", Name: "end", Label: v.T(iniMsg + "f.end"), Hint: v.T(iniMsg + "h.end"), Width: "10", Code: true, Inputmode: "numeric"})
	f.section(iniMsg+"form.people", iniMsg+"form.people_hint")
	f.text("contact_name", iniMsg+"f.contact_name", "")
	f.add(bField{Kind: "text", Name: "contact_email", Label: v.T(iniMsg + "f.contact_email"), Code: true})
	f.choice("checkboxes", "participants", iniMsg+"f.participants", iniMsg+"h.participants", iniUnitOptions(v, acc, ""))
	f.section(iniMsg+"form.benefit", "")
	f.number("budget", iniMsg+"f.budget", iniMsg+"h.amount", "decimal")
	f.area("hypothesis", iniMsg+"f.hypothesis", iniMsg+"h.hypothesis", 4)
	f.text("indicators", iniMsg+"f.indicators", iniMsg+"h.indicators").Code = true
	f.choice("checkboxes", "goals", iniMsg+"f.goals", iniMsg+"h.goals", iniGoalOptions(v))
	f.section(iniMsg+"form.supplier", iniMsg+"form.supplier_hint")
	f.text("supplier_name", iniMsg+"f.supplier_name", "")
	f.number("supplier_org", iniMsg+"f.supplier_org", iniMsg+"h.supplier_org", "numeric").Code = true
	if errs[iniRemoveSupplier] != "" || vals.Get(iniRemoveSupplier) != "" {
		f.add(bField{Kind: "checkbox", Name: iniRemoveSupplier, Label: v.T(iniMsg + "f.remove_supplier_yes")})
	}
	f.section(iniMsg+"form.products", iniMsg+"form.products_hint")
	f.text("services", iniMsg+"f.services", iniMsg+"h.services").Code = true
	f.text("datasets", iniMsg+"f.datasets", iniMsg+"h.datasets").Code = true
	f.summary()
	return f
}

// iniBenefitForm describes the form that records a realized benefit.
func iniBenefitForm(v *view, vals url.Values, errs map[string]string) *bForm {
	f := newBForm(v, vals, errs)
	f.add(bField{Kind: "text", Name: "benefit_date", Label: v.T(iniMsg + "f.benefit_date"), Hint: v.T(iniMsg + "h.date"), Width: "10", Code: true, Inputmode: "numeric"})
	f.area("benefit_description", iniMsg+"f.benefit_description", iniMsg+"h.benefit_description", 3)
	f.number("benefit_value", iniMsg+"f.benefit_value", iniMsg+"h.benefit_value", "decimal")
	f.text("benefit_indicator", iniMsg+"f.benefit_indicator", iniMsg+"h.benefit_indicator").Code = true
	f.summary()
	return f
}

// iniCriteriaForm describes the form of the supplier's criteria: per
// criterion, the answer and the evidence.
func iniCriteriaForm(v *view, vals url.Values, errs map[string]string) *bForm {
	f := newBForm(v, vals, errs)
	for _, k := range followup.CriterionKinds() {
		f.Sections = append(f.Sections, bSection{Legend: v.T(iniMsg + "criterion." + string(k)), Hint: v.T(iniMsg + "criterion_hint." + string(k))})
		var opts []bOption
		for _, m := range []followup.Fulfilment{followup.MetYes, followup.MetPartly, followup.MetNo} {
			opts = append(opts, bOption{Value: string(m), Label: v.T(iniMsg + "met." + string(m))})
		}
		f.choice("radios", "met_"+string(k), iniMsg+"f.met", "", opts)
		f.area("evidence_"+string(k), iniMsg+"f.evidence", iniMsg+"h.evidence", 3)
	}
	f.summary()
	return f
}

// iniUnitOptions returns every unit as a choice, indented by depth, with
// an empty choice first when empty is not "".
func iniUnitOptions(v *view, acc *access, empty string) []bOption {
	var opts []bOption
	if empty != "" {
		opts = append(opts, bOption{Value: "", Label: v.T(empty)})
	}
	for _, n := range acc.Tree.Walk() {
		name := v.UnitName(n.Unit)
		opts = append(opts, bOption{Value: iniID(n.ID), Label: v.Indent(n.Depth) + name.Text, Lang: name.Lang})
	}
	return opts
}

// iniOwnerOptions returns the units the user may manage the follow-up
// of (iniCheckOwner refuses any other owner), indented by depth, after
// an empty choice.
func iniOwnerOptions(v *view, acc *access) []bOption {
	opts := []bOption{{Value: "", Label: v.T(iniMsg + "choose_unit")}}
	for _, n := range acc.Tree.Walk() {
		if !acc.Can(identity.ManageFollowUp, n.ID) {
			continue
		}
		name := v.UnitName(n.Unit)
		opts = append(opts, bOption{Value: iniID(n.ID), Label: v.Indent(n.Depth) + name.Text, Lang: name.Lang})
	}
	return opts
}

// iniStatusOptions returns the statuses as choices, with an empty choice
// first when empty is not "".
func iniStatusOptions(v *view, empty string) []bOption {
	var opts []bOption
	if empty != "" {
		opts = append(opts, bOption{Value: "", Label: v.T(empty)})
	}
	for _, st := range followup.InitiativeStatuses() {
		opts = append(opts, bOption{Value: string(st), Label: v.IniStatus(st)})
	}
	return opts
}

// iniPerspectiveOptions returns the five perspectives as choices.
func iniPerspectiveOptions(v *view) []bOption {
	var opts []bOption
	for _, p := range followup.Perspectives() {
		opts = append(opts, bOption{Value: string(p), Label: v.IniPerspective(p)})
	}
	return opts
}

// iniGoalOptions returns the 17 goals as choices.
func iniGoalOptions(v *view) []bOption {
	var opts []bOption
	for _, g := range followup.SDGs() {
		opts = append(opts, bOption{Value: strconv.Itoa(g.Number), Label: v.IniGoal(g.Number)})
	}
	return opts
}

// IniStatus returns the name of an initiative's status.
func (v *view) IniStatus(st followup.InitiativeStatus) string {
	return v.T(iniMsg + "status." + string(st))
}

// IniPerspective returns the name of a perspective.
func (v *view) IniPerspective(p followup.Perspective) string {
	return v.T(iniMsg + "perspective." + string(p))
}

// IniGoal returns "11. Hållbara städer och samhällen" for goal 11.
func (v *view) IniGoal(n int) string {
	g, ok := followup.SDGByNumber(n)
	if !ok {
		return strconv.Itoa(n)
	}
	return strconv.Itoa(n) + ". " + g.Name.In(string(v.Lang))
}

// IniSEK writes an amount of kronor for reading.
func (v *view) IniSEK(f float64) string { return iniSEK(v, f) }

// IniTextLang is the language of what staff wrote about an initiative
// (Swedish) when the page is in another, for a lang attribute.
func (v *view) IniTextLang() string {
	if v.Lang == i18n.Swedish {
		return ""
	}
	return string(i18n.Swedish)
}

// IniEmail returns an address with a possible line break before its
// "@", so a long address wraps on a narrow screen.
func (v *view) IniEmail(addr string) template.HTML {
	local, domain, ok := strings.Cut(addr, "@")
	if !ok {
		return template.HTML(template.HTMLEscapeString(addr)) //nolint:gosec // escaped
	}
	return template.HTML(template.HTMLEscapeString(local) + "<wbr>@" + template.HTMLEscapeString(domain)) //nolint:gosec // escaped
}
