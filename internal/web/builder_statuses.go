package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"sprang"
	"sprang/internal/eservice"
)

// builderKinds are the status kinds in the order the builder offers them.
var builderKinds = []eservice.StatusKind{eservice.KindReceived, eservice.KindOpen, eservice.KindWaiting,
	eservice.KindDecided, eservice.KindClosed}

// builderStatusPrefix returns the field name prefix of status i.
func builderStatusPrefix(i int) string { return "status_" + strconv.Itoa(i) + "_" }

// builderStatusValues returns the status form's values for list.
func builderStatusValues(list []eservice.Status) url.Values {
	vals := url.Values{}
	for i, st := range list {
		p := builderStatusPrefix(i)
		vals.Set(p+"id", st.ID)
		builderSetText(vals, p+"label", st.Label)
		vals.Set(p+"kind", string(st.Kind))
		vals[p+"next"] = slices.Clone(st.Next)
	}
	return vals
}

// builderStatusesFromForm reads the status form over the saved list:
// each status's labels, kind and next statuses, the statuses marked for
// removal (taken out of the others' next statuses too) and a new status
// when one is named. It returns the list and the problems that stop it
// from being saved; a form made for another list than the saved one is a
// Conflict. It never panics.
func builderStatusesFromForm(saved []eservice.Status, vals url.Values) ([]eservice.Status, map[string]string, error) {
	errs := map[string]string{}
	var out []eservice.Status
	var gone []string
	for i, st := range saved {
		p := builderStatusPrefix(i)
		if vals.Get(p+"id") != st.ID {
			return nil, nil, sprang.Errorf(sprang.Conflict, "builder.statuses.changed")
		}
		if vals.Get(p+"delete") != "" {
			gone = append(gone, st.ID)
			continue
		}
		st.Label = builderGetText(vals, p+"label")
		st.Kind = eservice.StatusKind(builderTrim(vals, p+"kind"))
		if !slices.Contains(builderKinds, st.Kind) {
			errs[p+"kind"] = "builder.status.kind_invalid"
		}
		st.Next = nil
		for _, other := range saved {
			if other.ID != st.ID && slices.Contains(vals[p+"next"], other.ID) {
				st.Next = append(st.Next, other.ID)
			}
		}
		out = append(out, st)
	}
	for i := range out {
		out[i].Next = slices.DeleteFunc(out[i].Next, func(id string) bool { return slices.Contains(gone, id) })
	}
	if st, ok := builderNewStatus(out, vals, errs); ok {
		out = append(out, st)
	}
	return out, errs, nil
}

// builderNewStatus reads the fields of a new status; false when none is
// named (or its fields have problems, recorded in errs).
func builderNewStatus(list []eservice.Status, vals url.Values, errs map[string]string) (eservice.Status, bool) {
	label := builderGetText(vals, "new_label")
	kind := eservice.StatusKind(builderTrim(vals, "new_kind"))
	if label.SV == "" {
		if label.EN != "" {
			errs["new_label_sv"] = "builder.status.label_required"
		}
		return eservice.Status{}, false
	}
	if !slices.Contains(builderKinds, kind) {
		errs["new_kind"] = "builder.status.kind_invalid"
		return eservice.Status{}, false
	}
	taken := func(id string) bool {
		return slices.ContainsFunc(list, func(s eservice.Status) bool { return s.ID == id })
	}
	return eservice.Status{ID: builderID(label.SV, "status", taken), Label: label, Kind: kind}, true
}

// builderStatusesView is the status form.
type builderStatusesView struct {
	builderPage
	ListError string // a problem of the list as a whole
}

func (s *Server) handleBuilderStatuses(w http.ResponseWriter, r *http.Request) {
	b, err := s.builderLoad(r, true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	var errs map[string]string
	if builderShowProblems(r) {
		errs = builderProblemsAt(v, b.spec.Validate(), builderPlace{Area: "statuses", Page: -1, Q: -1, Inner: -1, S: -1})
	}
	s.renderBuilderStatuses(w, r, http.StatusOK, v, b, builderStatusValues(b.spec.Statuses), errs)
}

func (s *Server) renderBuilderStatuses(w http.ResponseWriter, r *http.Request, status int, v *view, b *builderCtx, vals url.Values, errs map[string]string) {
	f := newBForm(v, vals, errs)
	list := b.spec.Statuses
	for i, st := range list {
		p := builderStatusPrefix(i)
		f.Sections = append(f.Sections, bSection{Legend: v.T("builder.status.legend", i+1, st.Label.In(string(v.Lang))),
			Hint: v.T("builder.status.id", st.ID)})
		f.text(p+"label_sv", "builder.s.label_sv", "")
		f.text(p+"label_en", "builder.s.label_en", "builder.h.english")
		f.choice("select", p+"kind", "builder.s.kind", "builder.h.kind", builderKindOptions(v))
		var next []bOption
		for _, other := range list {
			if other.ID != st.ID {
				name := v.BuilderText(other.Label)
				next = append(next, bOption{Value: other.ID, Label: name.Text, Lang: name.Lang})
			}
		}
		f.choice("checkboxes", p+"next", "builder.s.next", "builder.h.next", next)
		f.check(p+"delete", "builder.s.delete", "builder.h.delete_status")
	}
	f.section("builder.status.add", "builder.status.add_hint")
	f.text("new_label_sv", "builder.s.label_sv", "")
	f.text("new_label_en", "builder.s.label_en", "builder.h.english")
	f.choice("select", "new_kind", "builder.s.kind", "", builderKindOptions(v))
	f.summary("statuses")
	p := builderStatusesView{builderPage: s.builderPageData(r, b, f.Sections), ListError: errs["statuses"]}
	v.Title = v.T("builder.statuses.title")
	s.renderStatus(w, r, status, "builder_statuses", v.impersonal().with(p))
}

// builderKindOptions returns the status kinds to choose from.
func builderKindOptions(v *view) []bOption {
	var opts []bOption
	for _, k := range builderKinds {
		opts = append(opts, bOption{Value: string(k), Label: v.T("builder.kind." + string(k))})
	}
	return opts
}

// handleBuilderStatusesPost saves the status form.
func (s *Server) handleBuilderStatusesPost(w http.ResponseWriter, r *http.Request) {
	b, ok := s.builderPosted(w, r)
	if !ok {
		return
	}
	list, errs, err := builderStatusesFromForm(b.spec.Statuses, r.PostForm)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(errs) > 0 {
		v := s.view(r)
		s.renderBuilderStatuses(w, r, http.StatusUnprocessableEntity, v, b, r.PostForm, builderTranslate(v, errs))
		return
	}
	b.spec.Statuses = list
	s.builderSave(w, r, b, builderURL(b.svc.ID, "statusar"), "sparat")
}
