package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// builderFactFields are the fields of the facts form in the order it
// shows them. A field's name is its path in the spec with "_" for ".",
// and the label of field f is the message "builder.f.<f>".
var builderFactFields = []string{
	"title_sv", "title_en", "summary_sv", "summary_en", "about_sv", "about_en", "category", "keywords", "unit",
	"classification", "login_required", "login_eid", "login_min_loa", "login_anonymous",
	"privacy_purpose_sv", "privacy_purpose_en", "privacy_legal_basis_sv", "privacy_legal_basis_en",
	"privacy_retention_sv", "privacy_retention_en", "privacy_controller",
	"retention_months", "retention_action",
	"needs_sv", "needs_en", "minutes_to_fill", "target_days",
	"other_channels_phone", "other_channels_visit_sv", "other_channels_visit_en", "other_channels_post_sv", "other_channels_post_en",
	"confirm_by_email", "slug",
}

// builderLoAs are the levels of assurance a service may require; "" is
// any.
var builderLoAs = []identity.LoA{"", identity.LoA2, identity.LoA3, identity.LoA4}

// builderSetText sets name_sv and name_en in vals from t.
func builderSetText(vals url.Values, name string, t eservice.Text) {
	vals.Set(name+"_sv", t.SV)
	vals.Set(name+"_en", t.EN)
}

// builderGetText reads name_sv and name_en from vals, trimmed, with line breaks
// as "\n".
func builderGetText(vals url.Values, name string) eservice.Text {
	clean := func(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }
	return eservice.Text{SV: clean(vals.Get(name + "_sv")), EN: clean(vals.Get(name + "_en"))}
}

// builderSetFlag sets name in vals to "1" when on.
func builderSetFlag(vals url.Values, name string, on bool) {
	if on {
		vals.Set(name, "1")
	}
}

// builderFactsValues returns the facts form's values for spec.
func builderFactsValues(spec eservice.Spec) url.Values {
	vals := url.Values{}
	builderSetText(vals, "title", spec.Title)
	builderSetText(vals, "summary", spec.Summary)
	builderSetText(vals, "about", spec.About)
	vals.Set("category", spec.Category)
	vals.Set("keywords", strings.Join(spec.Keywords, ", "))
	vals.Set("unit", strconv.FormatInt(spec.UnitID, 10))
	vals.Set("slug", spec.Slug)
	vals.Set("classification", strconv.Itoa(int(spec.Classification)))
	builderSetFlag(vals, "login_required", spec.Login.Required)
	builderSetFlag(vals, "login_eid", spec.Login.EID)
	vals.Set("login_min_loa", string(spec.Login.MinLoA))
	builderSetFlag(vals, "login_anonymous", spec.Login.Anonymous)
	builderSetText(vals, "privacy_purpose", spec.Privacy.Purpose)
	builderSetText(vals, "privacy_legal_basis", spec.Privacy.LegalBasis)
	builderSetText(vals, "privacy_retention", spec.Privacy.Retention)
	vals.Set("privacy_controller", spec.Privacy.Controller)
	vals.Set("retention_months", builderFormatCount(spec.Retention.Months))
	vals.Set("retention_action", string(spec.Retention.Action))
	builderSetText(vals, "needs", spec.NeedsText)
	vals.Set("minutes_to_fill", builderFormatCount(spec.MinutesToFill))
	vals.Set("target_days", builderFormatCount(spec.TargetDays))
	vals.Set("other_channels_phone", spec.OtherChannels.Phone)
	builderSetText(vals, "other_channels_visit", spec.OtherChannels.Visit)
	builderSetText(vals, "other_channels_post", spec.OtherChannels.Post)
	builderSetFlag(vals, "confirm_by_email", spec.ConfirmByEmail)
	return vals
}

// builderFactsFromForm returns spec with the facts of the posted form, and the
// problems that stop it from being saved (field → message key): numbers
// that are not whole numbers, choices that are not offered, a unit where
// the user may not build. What makes the spec invalid for publishing is
// left to Spec.Validate.
func builderFactsFromForm(spec eservice.Spec, vals url.Values, mayBuild func(int64) (identity.Unit, bool)) (eservice.Spec, map[string]string) {
	errs := map[string]string{}
	spec.Title = builderGetText(vals, "title")
	spec.Summary = builderGetText(vals, "summary")
	spec.About = builderGetText(vals, "about")
	spec.Category = builderTrim(vals, "category")
	if spec.Category != "" && !slices.Contains(eservice.Categories(), eservice.Category(spec.Category)) {
		errs["category"] = "builder.category_required"
	}
	spec.Keywords = builderKeywords(vals.Get("keywords"))
	if id, err := strconv.ParseInt(builderTrim(vals, "unit"), 10, 64); err != nil {
		errs["unit"] = "builder.unit_required"
	} else if u, ok := mayBuild(id); !ok {
		errs["unit"] = "builder.unit_required"
	} else {
		spec.UnitID, spec.UnitSlug = u.ID, u.Slug
	}
	spec.Slug = builderTrim(vals, "slug")
	if !builderSlugPattern.MatchString(spec.Slug) {
		errs["slug"] = "builder.slug_invalid"
	}
	builderReadLogin(&spec, vals, errs)
	spec.Privacy = eservice.Privacy{Purpose: builderGetText(vals, "privacy_purpose"), LegalBasis: builderGetText(vals, "privacy_legal_basis"),
		Retention: builderGetText(vals, "privacy_retention"), Controller: strings.Join(strings.Fields(vals.Get("privacy_controller")), " ")}
	builderReadCount(&spec.Retention.Months, vals, "retention_months", errs)
	switch a := eservice.RetentionAction(builderTrim(vals, "retention_action")); a {
	case "", eservice.RetainAnonymize, eservice.RetainDelete:
		spec.Retention.Action = a
	default:
		errs["retention_action"] = "builder.facts.action_invalid"
	}
	spec.NeedsText = builderGetText(vals, "needs")
	builderReadCount(&spec.MinutesToFill, vals, "minutes_to_fill", errs)
	builderReadCount(&spec.TargetDays, vals, "target_days", errs)
	spec.OtherChannels = eservice.Other{Phone: builderTrim(vals, "other_channels_phone"),
		Visit: builderGetText(vals, "other_channels_visit"), Post: builderGetText(vals, "other_channels_post")}
	spec.ConfirmByEmail = vals.Get("confirm_by_email") != ""
	return spec, errs
}

// builderReadLogin reads the classification and the login rule.
func builderReadLogin(spec *eservice.Spec, vals url.Values, errs map[string]string) {
	c, err := strconv.Atoi(builderTrim(vals, "classification"))
	if err != nil || c < 0 || c > int(eservice.MaxClassification) {
		errs["classification"] = "builder.facts.classification_invalid"
	} else {
		spec.Classification = eservice.Classification(c)
	}
	spec.Login = eservice.LoginRule{Required: vals.Get("login_required") != "", EID: vals.Get("login_eid") != "",
		Anonymous: vals.Get("login_anonymous") != ""}
	loa := identity.LoA(builderTrim(vals, "login_min_loa"))
	if !slices.Contains(builderLoAs, loa) && loa != identity.LoA1 {
		errs["login_min_loa"] = "builder.facts.loa_invalid"
	} else {
		spec.Login.MinLoA = loa
	}
}

// builderReadCount reads a whole number (from 0) into n, or records a problem.
func builderReadCount(n *int, vals url.Values, name string, errs map[string]string) {
	v, ok := builderCount(vals.Get(name), 1_000_000)
	if !ok {
		errs[name] = "builder.number_whole"
		return
	}
	*n = v
}

// builderPage is the data of the builder's form pages: the service, the
// sections of the form, and the banner.
type builderPage struct {
	Service  store.Service
	Spec     eservice.Spec
	Sections []bSection
	Done     string
	Draft    bool // the service has an open draft; otherwise the first save opens one
}

// builderShowProblems reports whether a form page shows the draft's problems
// inline: after a save, and when a problem's link leads there.
func builderShowProblems(r *http.Request) bool {
	q := r.URL.Query()
	return q.Get("fel") != "" || q.Get("klart") == "sparat"
}

func (s *Server) handleBuilderFacts(w http.ResponseWriter, r *http.Request) {
	b, err := s.builderLoad(r, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	var errs map[string]string
	if builderShowProblems(r) {
		errs = builderProblemsAt(v, b.spec.Validate(), builderPlace{Area: "facts", Page: -1, Q: -1, Inner: -1, S: -1})
	}
	s.renderBuilderFacts(w, r, http.StatusOK, v, b, builderFactsValues(b.spec), errs)
}

func (s *Server) renderBuilderFacts(w http.ResponseWriter, r *http.Request, status int, v *view, b *builderCtx, vals url.Values, errs map[string]string) {
	f := s.builderFactsForm(v, b, vals, errs)
	f.summary()
	v.Title = v.T("builder.facts.title")
	s.renderStatus(w, r, status, "builder_facts", v.impersonal().with(builderPage{Service: b.svc, Spec: b.spec, Sections: f.Sections,
		Done: builderDoneOf(r), Draft: b.svc.Draft > 0}))
}

// handleBuilderFactsPost saves the facts form.
func (s *Server) handleBuilderFactsPost(w http.ResponseWriter, r *http.Request) {
	b, ok := s.builderPosted(w, r)
	if !ok {
		return
	}
	mayBuild := func(id int64) (identity.Unit, bool) {
		if id == b.spec.UnitID {
			u, ok := b.acc.Tree.Unit(id)
			return u, ok
		}
		return s.builderUnitToBuild(b.acc, strconv.FormatInt(id, 10))
	}
	spec, errs := builderFactsFromForm(b.spec, r.PostForm, mayBuild)
	if len(errs) == 0 {
		b.spec = spec
		err := s.builderSaveDraft(r.Context(), b)
		if fe := sprang.ErrorFields(err); fe["slug"] != "" {
			errs["slug"] = "builder.slug_taken"
		} else if err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if len(errs) > 0 {
		v := s.view(r)
		s.renderBuilderFacts(w, r, http.StatusUnprocessableEntity, v, b, r.PostForm, builderTranslate(v, errs))
		return
	}
	builderRedirect(w, r, builderURL(b.svc.ID, "uppgifter"), "sparat")
}

// builderFactsForm describes the facts form.
func (s *Server) builderFactsForm(v *view, b *builderCtx, vals url.Values, errs map[string]string) *bForm {
	f := newBForm(v, vals, errs)
	f.section("builder.facts.catalogue", "")
	f.text("title_sv", "builder.f.title_sv", "builder.h.title")
	f.text("title_en", "builder.f.title_en", "builder.h.english")
	f.area("summary_sv", "builder.f.summary_sv", "builder.h.summary", 2)
	f.area("summary_en", "builder.f.summary_en", "builder.h.english", 2)
	f.area("about_sv", "builder.f.about_sv", "builder.h.about", 6)
	f.area("about_en", "builder.f.about_en", "builder.h.english", 6)
	f.choice("select", "category", "builder.f.category", "", builderCategoryOptions(v))
	f.text("keywords", "builder.f.keywords", "builder.h.keywords")
	f.choice("select", "unit", "builder.f.unit", "builder.h.unit", builderUnitOptions(v, b))

	f.section("builder.facts.security", "builder.facts.security_hint")
	var classes []bOption
	for c := range int(eservice.MaxClassification) + 1 {
		n := strconv.Itoa(c)
		classes = append(classes, bOption{Value: n, Label: v.T("builder.class." + n), Hint: v.T("builder.class." + n + ".hint")})
	}
	f.choice("radios", "classification", "builder.f.classification", "builder.h.classification", classes)
	f.check("login_required", "builder.f.login_required", "builder.h.login_required")
	f.check("login_eid", "builder.f.login_eid", "builder.h.login_eid")
	var loas []bOption
	for _, l := range builderLoAs {
		loas = append(loas, bOption{Value: string(l), Label: v.T("builder.loa." + builderOr(string(l), "any"))})
	}
	f.choice("select", "login_min_loa", "builder.f.login_min_loa", "builder.h.login_min_loa", loas)
	f.check("login_anonymous", "builder.f.login_anonymous", "builder.h.login_anonymous")

	f.section("builder.facts.privacy", "builder.facts.privacy_hint")
	f.area("privacy_purpose_sv", "builder.f.privacy_purpose_sv", "builder.h.privacy_purpose", 3)
	f.area("privacy_purpose_en", "builder.f.privacy_purpose_en", "builder.h.english", 3)
	f.area("privacy_legal_basis_sv", "builder.f.privacy_legal_basis_sv", "builder.h.privacy_legal_basis", 2)
	f.area("privacy_legal_basis_en", "builder.f.privacy_legal_basis_en", "builder.h.english", 2)
	f.area("privacy_retention_sv", "builder.f.privacy_retention_sv", "builder.h.privacy_retention", 2)
	f.area("privacy_retention_en", "builder.f.privacy_retention_en", "builder.h.english", 2)
	f.text("privacy_controller", "builder.f.privacy_controller", "builder.h.privacy_controller")

	f.section("builder.facts.retention", "builder.facts.retention_hint")
	f.number("retention_months", "builder.f.retention_months", "builder.h.retention_months", "numeric")
	f.choice("radios", "retention_action", "builder.f.retention_action", "", []bOption{
		{Value: string(eservice.RetainAnonymize), Label: v.T("builder.action.anonymize"), Hint: v.T("builder.action.anonymize.hint")},
		{Value: string(eservice.RetainDelete), Label: v.T("builder.action.delete"), Hint: v.T("builder.action.delete.hint")}})

	f.section("builder.facts.doing", "")
	f.area("needs_sv", "builder.f.needs_sv", "builder.h.needs", 3)
	f.area("needs_en", "builder.f.needs_en", "builder.h.english", 3)
	f.number("minutes_to_fill", "builder.f.minutes_to_fill", "builder.h.minutes_to_fill", "numeric")
	f.number("target_days", "builder.f.target_days", "builder.h.target_days", "numeric")
	f.check("confirm_by_email", "builder.f.confirm_by_email", "builder.h.confirm_by_email")

	f.section("builder.facts.other", "builder.facts.other_hint")
	f.text("other_channels_phone", "builder.f.other_channels_phone", "builder.h.phone").Width = "20"
	f.area("other_channels_visit_sv", "builder.f.other_channels_visit_sv", "builder.h.visit", 2)
	f.area("other_channels_visit_en", "builder.f.other_channels_visit_en", "builder.h.english", 2)
	f.area("other_channels_post_sv", "builder.f.other_channels_post_sv", "builder.h.post", 3)
	f.area("other_channels_post_en", "builder.f.other_channels_post_en", "builder.h.english", 3)

	f.section("builder.advanced", "").advanced()
	f.text("slug", "builder.f.slug", "builder.h.slug").Code = true
	return f
}

// builderOr returns s, or def when s is "".
func builderOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// builderCategoryOptions returns the category choices, with an empty one
// first.
func builderCategoryOptions(v *view) []bOption {
	opts := []bOption{{Value: "", Label: v.T("builder.category.none")}}
	for _, c := range eservice.Categories() {
		opts = append(opts, bOption{Value: string(c), Label: v.T("builder.category." + string(c))})
	}
	return opts
}

// builderUnitOptions returns the units a service may be moved to: its own
// and those where the user may build, indented by depth.
func builderUnitOptions(v *view, b *builderCtx) []bOption {
	var opts []bOption
	for _, n := range b.acc.Tree.Walk() {
		if n.ID == b.spec.UnitID || b.acc.Can(identity.BuildEServices, n.ID) {
			name := v.UnitName(n.Unit)
			opts = append(opts, bOption{Value: strconv.FormatInt(n.ID, 10), Label: v.Indent(n.Depth) + name.Text, Lang: name.Lang})
		}
	}
	return opts
}

// builderFieldLang returns the language of the text in field name when it is
// not the page's: "en" for a field ending _en on a Swedish page, "sv" for
// one ending _sv on an English page.
func builderFieldLang(l i18n.Lang, name string) string {
	switch {
	case strings.HasSuffix(name, "_en") && l != i18n.English:
		return string(i18n.English)
	case strings.HasSuffix(name, "_sv") && l != i18n.Swedish:
		return string(i18n.Swedish)
	}
	return ""
}
