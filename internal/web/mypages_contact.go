package web

import (
	"net/http"
	"time"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// The fields of the contact form, in form order.
const (
	myChannel  = "kanal"
	myEmail    = "epost"
	myStreet   = "gata"
	myPostcode = "postnummer"
	myCity     = "ort"
)

var myContactFields = []string{myChannel, myEmail, myStreet, myPostcode, myCity}

// myContactPage is what the contact preferences page shows besides the
// form: whether preferences are stored, and a notice after saving.
type myContactPage struct {
	Saved bool // preferences are stored (else the form shows suggestions)
	Done  bool // just saved
}

// handleMyContact shows the resident's contact preferences: by e-mail or
// by letter, the address for notices and the postal address. Without
// stored preferences, the e-mail address a resident logs in with is
// suggested.
func (s *Server) handleMyContact(w http.ResponseWriter, r *http.Request) {
	rid := s.residentOrLogin(w, r)
	if rid == 0 {
		return
	}
	c, err := s.db.ResidentContact(r.Context(), rid)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form := map[string]string{myChannel: string(c.Channel), myEmail: c.Email,
		myStreet: c.Address.Street, myPostcode: c.Address.Postcode, myCity: c.Address.City}
	if c.Channel == "" {
		res, err := s.db.FindResidentByID(r.Context(), rid) // the resident's own data, in their own session
		if err != nil {
			s.fail(w, r, err)
			return
		}
		form[myChannel], form[myEmail] = string(store.ContactEmail), res.Email
	}
	p := myContactPage{Saved: c.Channel != "", Done: r.URL.Query().Get("gjort") == "sparat"}
	s.renderMyContact(w, r, http.StatusOK, form, nil, p)
}

func (s *Server) renderMyContact(w http.ResponseWriter, r *http.Request, status int, form map[string]string, err error, p myContactPage) {
	v := s.view(r)
	v.Title = v.T("mypages.contact.title")
	v.Form = form
	if err != nil {
		showErrors(v, err, myContactFields...)
	}
	s.renderStatus(w, r, status, "mypages_contact", v.with(p))
}

// handleMyContactPost stores the resident's contact preferences after
// checking them like an e-service checks an e-mail and an address
// question: e-mail needs a valid address, letters a complete postal
// address; an address given besides must be valid too. Choosing letters
// also makes the resident's open errands send letters (the store does
// that with the preferences).
func (s *Server) handleMyContactPost(w http.ResponseWriter, r *http.Request) {
	rid := s.residentOrLogin(w, r)
	if rid == 0 {
		return
	}
	form, err := postedForm(w, r, myContactFields...)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	c, err := readMyContact(v, form, s.db.Now)
	if err == nil {
		err = s.db.SaveResidentContact(r.Context(), rid, c)
	}
	switch sprang.ErrorKind(err) {
	case "":
		http.Redirect(w, r, myPagesPath+"/kontakt?gjort=sparat", http.StatusSeeOther)
	case sprang.Invalid:
		s.renderMyContact(w, r, http.StatusUnprocessableEntity, form, err, myContactPage{})
	default:
		s.fail(w, r, err)
	}
}

// myAddressQuestion is the id of the address question readMyContact
// checks the postal address with.
const myAddressQuestion = "postadress"

// readMyContact checks the posted contact form with the rules of an
// e-service's e-mail and address questions (required as the channel
// needs) and returns the preferences, or an Invalid error with a message
// per field, already in the view's language.
func readMyContact(v *view, form map[string]string, now func() time.Time) (store.Contact, error) {
	channel := store.ContactChannel(form[myChannel])
	if channel != store.ContactEmail && channel != store.ContactLetter {
		return store.Contact{}, myFieldError(myChannel, "mypages.contact.channel.required", sprang.Invalid)
	}
	street, postcode, city := eservice.AddressFields(myAddressQuestion)
	page := eservice.Form{Pages: []eservice.Page{{ID: "kontakt", Questions: []eservice.Question{
		{ID: myEmail, Type: eservice.TypeEmail, Required: channel == store.ContactEmail},
		{ID: myAddressQuestion, Type: eservice.TypeAddress, Required: channel == store.ContactLetter},
	}}}}
	posted := eservice.Answers{myEmail: {form[myEmail]}, street: {form[myStreet]}, postcode: {form[myPostcode]}, city: {form[myCity]}}
	got, problems := page.ReadPage(0, posted, nil, now())
	if len(problems) > 0 {
		names := map[string]string{myEmail: myEmail, street: myStreet, postcode: myPostcode, city: myCity}
		fields := map[string]string{}
		for _, p := range problems {
			if f := names[p.Field]; f != "" && fields[f] == "" {
				fields[f] = fieldErrorText(v, p)
			}
		}
		return store.Contact{}, &sprang.Error{Kind: sprang.Invalid, Message: "form.invalid", Fields: fields}
	}
	return store.Contact{Channel: channel, Email: identity.NormalizeEmail(got.Get(myEmail)),
		Address: store.PostalAddress{Street: got.Get(street), Postcode: got.Get(postcode), City: got.Get(city)}}, nil
}
