package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// registerChannels are the channels a case officer registers errands
// from: everything but the e-service itself.
var registerChannels = []eservice.Channel{eservice.ChannelPaper, eservice.ChannelPhone, eservice.ChannelVisit, eservice.ChannelLetter}

// registerPage is the form that starts registering an errand: the
// service, the channel and, optionally, the resident's personnummer.
type registerPage struct {
	Services []registerService
	Channels []registerChannel
}

// registerService is a service the case officer may register errands of.
type registerService struct {
	ID    string
	Title string
	Unit  string
}

// registerChannel is one channel of the form.
type registerChannel struct {
	Value, Label string
}

// registrable returns the published services in whose units the case
// officer may handle errands, by Swedish title.
func (s *Server) registrable(r *http.Request, acc *access) ([]store.Service, error) {
	all, err := s.db.ListServices(r.Context(), nil)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(svc store.Service) bool {
		return svc.Published == 0 || !acc.Can(identity.HandleErrands, svc.UnitID)
	}), nil
}

// handleRegisterForm shows the form that starts registering an errand
// that came on paper, by phone, at a visit or by letter.
func (s *Server) handleRegisterForm(w http.ResponseWriter, r *http.Request) {
	s.renderRegister(w, r, nil, nil, http.StatusOK)
}

// renderRegister renders the registration form with the posted values and
// err's field errors.
func (s *Server) renderRegister(w http.ResponseWriter, r *http.Request, form map[string]string, err error, status int) {
	acc, aerr := s.requireAnywhere(r, identity.HandleErrands)
	if aerr != nil {
		s.fail(w, r, aerr)
		return
	}
	services, lerr := s.registrable(r, acc)
	if lerr != nil {
		s.fail(w, r, lerr)
		return
	}
	v := s.view(r)
	v.Form = form
	if err != nil {
		showErrors(v, err, "service", "channel", "personnummer")
	}
	p := registerPage{}
	for _, svc := range services {
		rs := registerService{ID: itoa64(svc.ID), Title: svc.Spec.Title.In(string(v.Lang))}
		if u, ok := acc.Tree.Unit(svc.UnitID); ok {
			rs.Unit = v.UnitName(u).Text
		}
		p.Services = append(p.Services, rs)
	}
	for _, c := range registerChannels {
		p.Channels = append(p.Channels, registerChannel{Value: string(c), Label: channelName(v, c)})
	}
	v.Title = v.T("register.title")
	s.renderStatus(w, r, status, "register", v.with(p))
}

// handleRegister starts a registration: it checks the choices, links the
// errand to the resident with the personnummer when one is given (the
// number is posted, never put in a URL), starts a draft owned by this
// browser's registration cookie and goes to the first step.
func (s *Server) handleRegister(w http.ResponseWriter, r *http.Request) {
	acc, err := s.requireAnywhere(r, identity.HandleErrands)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form, err := postedForm(w, r, "service", "channel", "personnummer")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	svc, channel, resident, err := s.readRegister(r, acc, form)
	if err != nil {
		s.renderRegister(w, r, form, err, statusOf(sprang.ErrorKind(err)))
		return
	}
	answers := eservice.Answers{regChannelKey: {string(channel)}, regByKey: {itoa64(acc.User.ID)}}
	if resident != 0 {
		answers[regResidentKey] = []string{itoa64(resident)}
	}
	owner := store.DraftOwner{Token: s.ensureToken(w, r, registerCookieName, registerCookiePath)}
	d, err := s.db.StartDraft(r.Context(), store.Draft{ServiceID: svc.ID, Version: svc.Published, Answers: answers,
		Page: firstPage(svc.Spec.Form)}, owner)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := &flow{base: registerDraftPath + "/" + itoa64(d.ID), spec: svc.Spec}
	http.Redirect(w, r, f.firstURL(), http.StatusSeeOther)
}

// readRegister checks the registration form: a service the officer may
// register, a channel of registerChannels and an optional personnummer of
// a known resident. Problems are an Invalid error with field messages.
func (s *Server) readRegister(r *http.Request, acc *access, form map[string]string) (store.Service, eservice.Channel, int64, error) {
	fields := map[string]string{}
	services, err := s.registrable(r, acc)
	if err != nil {
		return store.Service{}, "", 0, err
	}
	id, _ := strconv.ParseInt(form["service"], 10, 64)
	i := slices.IndexFunc(services, func(svc store.Service) bool { return svc.ID == id })
	if i < 0 {
		fields["service"] = "register.service.required"
	}
	channel := eservice.Channel(form["channel"])
	if !slices.Contains(registerChannels, channel) {
		fields["channel"] = "register.channel.required"
	}
	resident, msg, err := s.residentByPnr(r, form["personnummer"])
	if err != nil {
		return store.Service{}, "", 0, err
	}
	if msg != "" {
		fields["personnummer"] = msg
	}
	if err := sprang.FieldErrors(fields); err != nil {
		return store.Service{}, "", 0, err
	}
	return services[i], channel, resident, nil
}

// residentByPnr returns the id of the resident with the personnummer
// typed in raw (0 when raw is empty), or the message key of the problem
// with it. It decrypts nothing: the officer sees the resident's details
// only on the errand, where reading them is audited.
func (s *Server) residentByPnr(r *http.Request, raw string) (int64, string, error) {
	if strings.TrimSpace(raw) == "" {
		return 0, "", nil
	}
	p, err := identity.ParsePersonnummer(raw, s.db.Now())
	if err != nil {
		if key := sprang.ErrorFields(err)["personnummer"]; key != "" {
			return 0, key, nil
		}
		return 0, "register.personnummer.invalid", nil
	}
	id, err := s.db.ResidentIDByPersonnummer(r.Context(), p)
	if sprang.ErrorKind(err) == sprang.NotFound {
		return 0, "register.personnummer.unknown", nil
	}
	return id, "", err
}
