package eservice_test

import (
	"fmt"
	"strings"
	"testing"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/identity"
)

// specCase changes the felanmalan spec; want holds paths and the keys
// Validate must report there (nil: the spec stays valid).
type specCase struct {
	name   string
	change func(s *eservice.Spec)
	want   map[string]string
}

// Shortcuts into the felanmalan spec's form.
func page(s *eservice.Spec, i int) *eservice.Page { return &s.Form.Pages[i] }
func question(s *eservice.Spec, p, i int) *eservice.Question {
	return &s.Form.Pages[p].Questions[i]
}

const (
	qTyp      = "form.pages.0.questions.0"
	qAnnat    = "form.pages.0.questions.1"
	qFara     = "form.pages.0.questions.2"
	qInfo     = "form.pages.0.questions.3"
	qAntal    = "form.pages.1.questions.0"
	qStolpe   = "form.pages.1.questions.1"
	qUtrust   = "form.pages.2.questions.0"
	qBild     = "form.pages.3.questions.3"
	qGroup    = "form.pages.3.questions.4"
	qGroupOne = "form.pages.3.questions.4.questions.0"
	qGroupTwo = "form.pages.3.questions.4.questions.1"
	qKontakt  = "form.pages.4.questions.2"
	qTelefon  = "form.pages.4.questions.4"
)

// catalogueCases cover the facts of the catalogue, the login rule and the
// classification.
func catalogueCases() []specCase {
	return []specCase{
		{"unchanged", func(*eservice.Spec) {}, nil},
		{"format may be empty", func(s *eservice.Spec) { s.Format = "" }, nil},
		{"other format", func(s *eservice.Spec) { s.Format = "sprang-eservice/2" }, map[string]string{"format": eservice.MsgSpecFormat}},
		{"slug with capitals", func(s *eservice.Spec) { s.Slug = "Felanmalan" }, map[string]string{"slug": eservice.MsgSpecSlug}},
		{"slug with å", func(s *eservice.Spec) { s.Slug = "felanmälan" }, map[string]string{"slug": eservice.MsgSpecSlug}},
		{"slug too short", func(s *eservice.Spec) { s.Slug = "f" }, map[string]string{"slug": eservice.MsgSpecSlug}},
		{"slug reserved for the receipt", func(s *eservice.Spec) { s.Slug = "kvitto" }, map[string]string{"slug": eservice.MsgSpecSlugReserved}},
		{"slug too long", func(s *eservice.Spec) { s.Slug = strings.Repeat("f", 61) }, map[string]string{"slug": eservice.MsgSpecSlug}},
		{"no title", func(s *eservice.Spec) { s.Title = eservice.Text{} }, map[string]string{"title.sv": eservice.MsgSpecRequired}},
		{"English title only", func(s *eservice.Spec) { s.Title.SV = "" }, map[string]string{"title.sv": eservice.MsgSpecRequired}},
		{"title too long", func(s *eservice.Spec) { s.Title.EN = strings.Repeat("å", 201) }, map[string]string{"title.en": eservice.MsgSpecShortTooLong}},
		{"title with a line break", func(s *eservice.Spec) { s.Title.SV = "Fel\nanmälan" }, map[string]string{"title.sv": eservice.MsgSpecControlChars}},
		{"title not UTF-8", func(s *eservice.Spec) { s.Title.SV = "Fel\xff" }, map[string]string{"title.sv": eservice.MsgSpecControlChars}},
		{"no summary", func(s *eservice.Spec) { s.Summary.SV = "" }, map[string]string{"summary.sv": eservice.MsgSpecRequired}},
		{"about may be empty", func(s *eservice.Spec) { s.About = eservice.Text{} }, nil},
		{"about blank", func(s *eservice.Spec) { s.About = eservice.Text{SV: "  "} }, map[string]string{"about.sv": eservice.MsgSpecBlank}},
		{"about in English only", func(s *eservice.Spec) { s.About.SV = "" }, map[string]string{"about.sv": eservice.MsgSpecRequired}},
		{"about too long", func(s *eservice.Spec) { s.About.SV = strings.Repeat("a", 10001) }, map[string]string{"about.sv": eservice.MsgSpecLongTooLong}},
		{"about with a bell", func(s *eservice.Spec) { s.About.SV = "a\ab" }, map[string]string{"about.sv": eservice.MsgSpecControlChars}},
		{"unknown category", func(s *eservice.Spec) { s.Category = "sport" }, map[string]string{"category": eservice.MsgSpecCategory}},
		{"no keywords", func(s *eservice.Spec) { s.Keywords = nil }, nil},
		{"too many keywords", func(s *eservice.Spec) { s.Keywords = make([]string, 21); fill(s.Keywords, "ord") }, map[string]string{"keywords": eservice.MsgSpecKeywords}},
		{"blank keyword", func(s *eservice.Spec) { s.Keywords[1] = "" }, map[string]string{"keywords.1": eservice.MsgSpecKeyword}},
		{"untrimmed keyword", func(s *eservice.Spec) { s.Keywords[0] = " gata" }, map[string]string{"keywords.0": eservice.MsgSpecKeyword}},
		{"long keyword", func(s *eservice.Spec) { s.Keywords[0] = strings.Repeat("k", 41) }, map[string]string{"keywords.0": eservice.MsgSpecKeyword}},
		{"no unit", func(s *eservice.Spec) { s.UnitSlug = "" }, nil},
		{"bad unit", func(s *eservice.Spec) { s.UnitSlug = "Samhällsbyggnad" }, map[string]string{"unit": eservice.MsgSpecUnit}},
		{"class 4", func(s *eservice.Spec) { s.Classification = 4 }, map[string]string{"classification": eservice.MsgSpecClass}},
		{"class -1", func(s *eservice.Spec) { s.Classification = -1 }, map[string]string{"classification": eservice.MsgSpecClass}},
		{"class 0 anonymous", func(s *eservice.Spec) { s.Classification = 0 }, nil},
		{"class 2 anonymous", func(s *eservice.Spec) { s.Classification = 2 }, map[string]string{
			"login.required": eservice.MsgSpecLoginRequired, "login.eid": eservice.MsgSpecLoginEID,
			"login.min_loa": eservice.MsgSpecLoginLoA2, "login.anonymous": eservice.MsgSpecAnonClass}},
		{"class 2 with e-ID at loa2", func(s *eservice.Spec) {
			s.Classification, s.Login = 2, eservice.LoginRule{Required: true, EID: true, MinLoA: identity.LoA2}
		}, nil},
		{"class 2 with e-mail login", func(s *eservice.Spec) {
			s.Classification, s.Login = 2, eservice.LoginRule{Required: true, MinLoA: identity.LoA1}
		}, map[string]string{"login.eid": eservice.MsgSpecLoginEID, "login.min_loa": eservice.MsgSpecLoginLoA2}},
		{"class 3 at loa2", func(s *eservice.Spec) {
			s.Classification, s.Login, s.ConfirmByEmail = 3, eservice.LoginRule{Required: true, EID: true, MinLoA: identity.LoA2}, false
		}, map[string]string{"login.min_loa": eservice.MsgSpecLoginLoA3}},
		{"class 3 at loa3", func(s *eservice.Spec) {
			s.Classification, s.Login, s.ConfirmByEmail = 3, eservice.LoginRule{Required: true, EID: true, MinLoA: identity.LoA3}, false
		}, nil},
		{"class 3 at loa4", func(s *eservice.Spec) {
			s.Classification, s.Login, s.ConfirmByEmail = 3, eservice.LoginRule{Required: true, EID: true, MinLoA: identity.LoA4}, false
		}, nil},
		{"class 3 with an e-mail receipt", func(s *eservice.Spec) {
			s.Classification, s.Login = 3, eservice.LoginRule{Required: true, EID: true, MinLoA: identity.LoA3}
		}, map[string]string{"confirm_by_email": eservice.MsgSpecEmailClass}},
		{"class 3 anonymous too", func(s *eservice.Spec) {
			s.Classification, s.Login, s.ConfirmByEmail = 3, eservice.LoginRule{Required: true, EID: true, MinLoA: identity.LoA3, Anonymous: true}, false
		}, map[string]string{"login.anonymous": eservice.MsgSpecAnonClass}},
		{"login required and anonymous", func(s *eservice.Spec) { s.Login.Required = true },
			map[string]string{"login.anonymous": eservice.MsgSpecAnonRequired}},
		{"unknown level of assurance", func(s *eservice.Spec) { s.Login.MinLoA = "loa9" },
			map[string]string{"login.min_loa": eservice.MsgSpecLoginLoA}},
		{"no purpose", func(s *eservice.Spec) { s.Privacy.Purpose = eservice.Text{} }, map[string]string{"privacy.purpose.sv": eservice.MsgSpecRequired}},
		{"no legal basis", func(s *eservice.Spec) { s.Privacy.LegalBasis.SV = "" }, map[string]string{"privacy.legal_basis.sv": eservice.MsgSpecRequired}},
		{"no retention text", func(s *eservice.Spec) { s.Privacy.Retention.SV = "" }, map[string]string{"privacy.retention.sv": eservice.MsgSpecRequired}},
		{"no controller", func(s *eservice.Spec) { s.Privacy.Controller = "" }, map[string]string{"privacy.controller": eservice.MsgSpecRequired}},
		{"retention 0 months", func(s *eservice.Spec) { s.Retention.Months = 0 }, map[string]string{"retention.months": eservice.MsgSpecMonths}},
		{"retention 1201 months", func(s *eservice.Spec) { s.Retention.Months = 1201 }, map[string]string{"retention.months": eservice.MsgSpecMonths}},
		{"retention 1200 months", func(s *eservice.Spec) { s.Retention.Months = 1200 }, nil},
		{"retention by deleting", func(s *eservice.Spec) { s.Retention.Action = eservice.RetainDelete }, nil},
		{"retention by burning", func(s *eservice.Spec) { s.Retention.Action = "burn" }, map[string]string{"retention.action": eservice.MsgSpecAction}},
		{"target 0 days", func(s *eservice.Spec) { s.TargetDays = 0 }, map[string]string{"target_days": eservice.MsgSpecTargetDays}},
		{"target 3651 days", func(s *eservice.Spec) { s.TargetDays = 3651 }, map[string]string{"target_days": eservice.MsgSpecTargetDays}},
		{"target 3650 days", func(s *eservice.Spec) { s.TargetDays = 3650 }, nil},
		{"minutes unknown", func(s *eservice.Spec) { s.MinutesToFill = 0 }, nil},
		{"minutes negative", func(s *eservice.Spec) { s.MinutesToFill = -1 }, map[string]string{"minutes_to_fill": eservice.MsgSpecMinutes}},
		{"minutes 601", func(s *eservice.Spec) { s.MinutesToFill = 601 }, map[string]string{"minutes_to_fill": eservice.MsgSpecMinutes}},
		{"bad phone", func(s *eservice.Spec) { s.OtherChannels.Phone = "ring oss" }, map[string]string{"other_channels.phone": eservice.MsgSpecPhone}},
		{"no other channels", func(s *eservice.Spec) { s.OtherChannels = eservice.Other{} }, nil},
		{"blank visit", func(s *eservice.Spec) { s.OtherChannels.Visit.EN = " " }, map[string]string{"other_channels.visit.en": eservice.MsgSpecBlank}},
	}
}

// statusCases cover the status list.
func statusCases() []specCase {
	return []specCase{
		{"default statuses", func(s *eservice.Spec) { s.Statuses = eservice.DefaultStatuses() }, nil},
		{"no statuses", func(s *eservice.Spec) { s.Statuses = nil }, map[string]string{"statuses": eservice.MsgStatusReceived}},
		{"two received", func(s *eservice.Spec) { s.Statuses[1].Kind = eservice.KindReceived }, map[string]string{"statuses": eservice.MsgStatusReceived}},
		{"none decided", func(s *eservice.Spec) { s.Statuses[3].Kind = eservice.KindOpen }, map[string]string{"statuses": eservice.MsgStatusDecided}},
		{"none closed", func(s *eservice.Spec) { s.Statuses[4].Kind = eservice.KindDecided }, map[string]string{"statuses": eservice.MsgStatusClosed}},
		{"bad id", func(s *eservice.Spec) { s.Statuses[0].ID = "Mottaget" }, map[string]string{"statuses.0.id": eservice.MsgSpecID}},
		{"same id twice", func(s *eservice.Spec) {
			s.Statuses = append(s.Statuses, eservice.Status{ID: "handlaggs", Label: sv("Igen"), Kind: eservice.KindOpen})
		}, map[string]string{"statuses.5.id": eservice.MsgSpecIDTaken, "statuses.5": eservice.MsgStatusUnreachable}},
		{"no label", func(s *eservice.Spec) { s.Statuses[1].Label = eservice.Text{} }, map[string]string{"statuses.1.label.sv": eservice.MsgSpecRequired}},
		{"unknown kind", func(s *eservice.Spec) { s.Statuses[1].Kind = "paused" }, map[string]string{"statuses.1.kind": eservice.MsgStatusKind}},
		{"unknown next", func(s *eservice.Spec) { s.Statuses[1].Next = append(s.Statuses[1].Next, "arkiverat") }, map[string]string{"statuses.1.next": eservice.MsgStatusNext}},
		{"next to itself", func(s *eservice.Spec) { s.Statuses[1].Next = append(s.Statuses[1].Next, "handlaggs") }, map[string]string{"statuses.1.next": eservice.MsgStatusNext}},
		{"unreachable", func(s *eservice.Spec) {
			s.Statuses[0].Next = []string{"beslutat", "avslutat"}
			s.Statuses[2].Next = []string{"beslutat"}
		}, map[string]string{"statuses.1": eservice.MsgStatusUnreachable, "statuses.2": eservice.MsgStatusUnreachable}},
		{"reopening a closed errand", func(s *eservice.Spec) { s.Statuses[4].Next = []string{"handlaggs"} }, nil},
		{"too many statuses", func(s *eservice.Spec) {
			for i := range 16 {
				s.Statuses = append(s.Statuses, eservice.Status{ID: fmt.Sprintf("extra_%d", i), Label: sv("Extra"), Kind: eservice.KindOpen})
				s.Statuses[0].Next = append(s.Statuses[0].Next, fmt.Sprintf("extra_%d", i))
			}
		}, map[string]string{"statuses": eservice.MsgStatusesTooMany}},
	}
}

// formCases cover pages and questions.
func formCases() []specCase {
	manyPages := func(s *eservice.Spec) {
		for i := range 26 {
			s.Form.Pages = append(s.Form.Pages, eservice.Page{ID: fmt.Sprintf("extra_%d", i), Title: sv("Extra"),
				Questions: []eservice.Question{{ID: fmt.Sprintf("extra_%d", i), Type: eservice.TypeInfo, Label: sv("Info")}}})
		}
	}
	return []specCase{
		{"no pages", func(s *eservice.Spec) { s.Form.Pages = nil }, map[string]string{"form.pages": eservice.MsgPagesNone}},
		{"30 pages", func(s *eservice.Spec) { manyPages(s); s.Form.Pages = s.Form.Pages[:30] }, nil},
		{"31 pages", manyPages, map[string]string{"form.pages": eservice.MsgPagesTooMany}},
		{"bad page id", func(s *eservice.Spec) { page(s, 1).ID = "1belysning" }, map[string]string{"form.pages.1.id": eservice.MsgSpecID}},
		{"page id twice", func(s *eservice.Spec) { page(s, 2).ID = "belysning" }, map[string]string{"form.pages.2.id": eservice.MsgSpecIDTaken}},
		{"page and question may share an id", func(s *eservice.Spec) { page(s, 0).ID = "typ" }, nil},
		{"no page title", func(s *eservice.Spec) { page(s, 1).Title = eservice.Text{} }, map[string]string{"form.pages.1.title.sv": eservice.MsgSpecRequired}},
		{"page without questions", func(s *eservice.Spec) { page(s, 1).Questions = nil }, map[string]string{"form.pages.1.questions": eservice.MsgQuestionsNone}},
		{"61 questions", func(s *eservice.Spec) {
			for i := range 61 {
				page(s, 1).Questions = append(page(s, 1).Questions, eservice.Question{ID: fmt.Sprintf("i_%d", i), Type: eservice.TypeInfo, Label: sv("Info")})
			}
		}, map[string]string{"form.pages.1.questions": eservice.MsgQuestionsTooMany}},
		{"question id twice", func(s *eservice.Spec) { question(s, 1, 1).ID = "typ" }, map[string]string{qStolpe + ".id": eservice.MsgSpecIDTaken}},
		{"question id of a group child", func(s *eservice.Spec) { question(s, 4, 1).ID = "fler_plats" }, map[string]string{"form.pages.4.questions.1.id": eservice.MsgSpecIDTaken}},
		{"group child with a taken id", func(s *eservice.Spec) { question(s, 3, 4).Questions[0].ID = "typ" }, map[string]string{qGroupOne + ".id": eservice.MsgSpecIDTaken}},
		{"bad question id", func(s *eservice.Spec) { question(s, 1, 1).ID = "stolp-nummer" }, map[string]string{qStolpe + ".id": eservice.MsgSpecID}},
		{"question id too long", func(s *eservice.Spec) { question(s, 1, 1).ID = "s" + strings.Repeat("t", 40) }, map[string]string{qStolpe + ".id": eservice.MsgSpecID}},
		{"unknown type", func(s *eservice.Spec) { question(s, 1, 1).Type = "slider" }, map[string]string{qStolpe + ".type": eservice.MsgQuestionType}},
		{"no label", func(s *eservice.Spec) { question(s, 1, 1).Label = eservice.Text{} }, map[string]string{qStolpe + ".label.sv": eservice.MsgSpecRequired}},
		{"label too long", func(s *eservice.Spec) { question(s, 1, 1).Label.SV = strings.Repeat("x", 201) }, map[string]string{qStolpe + ".label.sv": eservice.MsgSpecShortTooLong}},
		{"information may be long", func(s *eservice.Spec) { question(s, 0, 3).Label.SV = strings.Repeat("x", 2000) }, nil},
		{"blank hint", func(s *eservice.Spec) { question(s, 1, 1).Hint.SV = "\t" }, map[string]string{qStolpe + ".hint.sv": eservice.MsgSpecBlank}},
		{"required information", func(s *eservice.Spec) { question(s, 0, 3).Required = true }, map[string]string{qInfo + ".required": eservice.MsgNotForType}},
		{"options on text", func(s *eservice.Spec) { question(s, 1, 1).Options = question(s, 0, 0).Options }, map[string]string{qStolpe + ".options": eservice.MsgNotForType}},
		{"choice with one option", func(s *eservice.Spec) { question(s, 0, 0).Options = question(s, 0, 0).Options[:1] }, map[string]string{
			qTyp + ".options": eservice.MsgOptionsFew, "form.pages.0.questions.1.show_if.0.values.0": eservice.MsgConditionValue,
			"form.pages.2.show_if.0.values.0": eservice.MsgConditionValue}},
		{"multichoice with one option", func(s *eservice.Spec) {
			question(s, 2, 0).Options = question(s, 2, 0).Options[:1]
			question(s, 2, 0).Max = nil
		}, nil},
		{"multichoice without options", func(s *eservice.Spec) {
			question(s, 2, 0).Options = nil
			question(s, 2, 0).Max = nil
		}, map[string]string{qUtrust + ".options": eservice.MsgOptionsFew}},
		{"51 options", func(s *eservice.Spec) {
			for i := range 46 {
				question(s, 0, 0).Options = append(question(s, 0, 0).Options, eservice.Option{Value: fmt.Sprint(i), Label: sv("Fler")})
			}
		}, map[string]string{qTyp + ".options": eservice.MsgOptionsTooMany}},
		{"bad option value", func(s *eservice.Spec) { question(s, 2, 0).Options[1].Value = "Rutschkana" }, map[string]string{qUtrust + ".options.1.value": eservice.MsgOptionValue}},
		{"option value twice", func(s *eservice.Spec) { question(s, 2, 0).Options[1].Value = "gunga" }, map[string]string{qUtrust + ".options.1.value": eservice.MsgOptionTaken}},
		{"option without label", func(s *eservice.Spec) { question(s, 2, 0).Options[1].Label = eservice.Text{} }, map[string]string{qUtrust + ".options.1.label.sv": eservice.MsgSpecRequired}},
		{"select display", func(s *eservice.Spec) { question(s, 0, 0).Display = "select" }, nil},
		{"unknown display", func(s *eservice.Spec) { question(s, 0, 0).Display = "list" }, map[string]string{qTyp + ".display": eservice.MsgDisplay}},
		{"display on multichoice", func(s *eservice.Spec) { question(s, 2, 0).Display = "radio" }, map[string]string{qUtrust + ".display": eservice.MsgNotForType}},
		{"min length on number", func(s *eservice.Spec) { question(s, 1, 0).MinLength = 1 }, map[string]string{qAntal + ".min_length": eservice.MsgNotForType}},
		{"max length on number", func(s *eservice.Spec) { question(s, 1, 0).MaxLength = 1 }, map[string]string{qAntal + ".max_length": eservice.MsgNotForType}},
		{"text max 1000", func(s *eservice.Spec) { question(s, 1, 1).MaxLength = 1000 }, nil},
		{"text max 1001", func(s *eservice.Spec) { question(s, 1, 1).MaxLength = 1001 }, map[string]string{qStolpe + ".max_length": eservice.MsgLengthLimit}},
		{"long text max 20000", func(s *eservice.Spec) { question(s, 3, 1).MaxLength = 20000 }, nil},
		{"long text max 20001", func(s *eservice.Spec) { question(s, 3, 1).MaxLength = 20001 }, map[string]string{"form.pages.3.questions.1.max_length": eservice.MsgLengthLimit}},
		{"negative min length", func(s *eservice.Spec) { question(s, 1, 1).MinLength = -1 }, map[string]string{qStolpe + ".min_length": eservice.MsgLengthLimit}},
		{"min length over max", func(s *eservice.Spec) { question(s, 1, 1).MinLength, question(s, 1, 1).MaxLength = 10, 5 }, map[string]string{qStolpe + ".min_length": eservice.MsgLengthOrder}},
		{"min length over the default max", func(s *eservice.Spec) { question(s, 1, 1).MinLength = 201 }, map[string]string{qStolpe + ".min_length": eservice.MsgLengthOrder}},
		{"number min over max", func(s *eservice.Spec) { question(s, 1, 0).Min = ptr(101) }, map[string]string{qAntal + ".min": eservice.MsgRangeOrder}},
		{"number with decimals", func(s *eservice.Spec) { question(s, 1, 0).Min, question(s, 1, 0).Max = ptr(-0.5), ptr(0.5) }, nil},
		{"multichoice min not whole", func(s *eservice.Spec) { question(s, 2, 0).Min = ptr(1.5) }, map[string]string{qUtrust + ".min": eservice.MsgChoiceCount}},
		{"multichoice max 0", func(s *eservice.Spec) { question(s, 2, 0).Max = ptr(0) }, map[string]string{qUtrust + ".max": eservice.MsgChoiceCount}},
		{"multichoice max over options", func(s *eservice.Spec) { question(s, 2, 0).Max = ptr(6) }, map[string]string{qUtrust + ".max": eservice.MsgChoiceCount}},
		{"multichoice min over max", func(s *eservice.Spec) { question(s, 2, 0).Min, question(s, 2, 0).Max = ptr(3), ptr(2) }, map[string]string{qUtrust + ".min": eservice.MsgRangeOrder}},
		{"min on text", func(s *eservice.Spec) { question(s, 1, 1).Min = ptr(1) }, map[string]string{qStolpe + ".min": eservice.MsgNotForType}},
		{"max on yes/no", func(s *eservice.Spec) { question(s, 0, 2).Max = ptr(1) }, map[string]string{qFara + ".max": eservice.MsgNotForType}},
		{"pattern that does not compile", func(s *eservice.Spec) { question(s, 1, 1).Pattern = "[0-9" }, map[string]string{qStolpe + ".pattern": eservice.MsgPatternInvalid}},
		{"pattern with a Perl look-ahead", func(s *eservice.Spec) { question(s, 1, 1).Pattern = "(?=1)[0-9]+" }, map[string]string{qStolpe + ".pattern": eservice.MsgPatternInvalid}},
		{"pattern too long", func(s *eservice.Spec) { question(s, 1, 1).Pattern = strings.Repeat("a", 501) }, map[string]string{qStolpe + ".pattern": eservice.MsgPatternInvalid}},
		{"pattern without message", func(s *eservice.Spec) { question(s, 1, 1).PatternMessage = eservice.Text{} }, map[string]string{qStolpe + ".pattern_message.sv": eservice.MsgPatternMessage}},
		{"pattern on number", func(s *eservice.Spec) {
			question(s, 1, 0).Pattern, question(s, 1, 0).PatternMessage = "[0-9]+", sv("Siffror")
		}, map[string]string{qAntal + ".pattern": eservice.MsgNotForType}},
		{"file without a rule", func(s *eservice.Spec) { question(s, 3, 3).File = nil }, map[string]string{qBild + ".file": eservice.MsgFileRule}},
		{"file of no types", func(s *eservice.Spec) { question(s, 3, 3).File.Types = nil }, map[string]string{qBild + ".file.types": eservice.MsgFileType}},
		{"zip file", func(s *eservice.Spec) { question(s, 3, 3).File.Types[1] = "application/zip" }, map[string]string{qBild + ".file.types.1": eservice.MsgFileType}},
		{"file type twice", func(s *eservice.Spec) { question(s, 3, 3).File.Types[2] = "image/jpeg" }, map[string]string{qBild + ".file.types.2": eservice.MsgFileType}},
		{"every file type", func(s *eservice.Spec) { question(s, 3, 3).File.Types = eservice.FileTypes() }, nil},
		{"file of 0 bytes", func(s *eservice.Spec) { question(s, 3, 3).File.MaxBytes = 0 }, map[string]string{qBild + ".file.max_bytes": eservice.MsgFileSize}},
		{"file of 20 MiB", func(s *eservice.Spec) { question(s, 3, 3).File.MaxBytes = eservice.MaxFileBytes }, nil},
		{"file over 20 MiB", func(s *eservice.Spec) { question(s, 3, 3).File.MaxBytes = eservice.MaxFileBytes + 1 }, map[string]string{qBild + ".file.max_bytes": eservice.MsgFileSize}},
		{"file rule on text", func(s *eservice.Spec) { question(s, 1, 1).File = question(s, 3, 3).File }, map[string]string{qStolpe + ".file": eservice.MsgNotForType}},
		{"empty group", func(s *eservice.Spec) { question(s, 3, 4).Questions = nil }, map[string]string{qGroup + ".questions": eservice.MsgGroupEmpty}},
		{"group in a group", func(s *eservice.Spec) {
			g := question(s, 3, 4)
			g.Questions = append(g.Questions, eservice.Question{ID: "inre", Type: eservice.TypeGroup, Label: sv("Inre"),
				Questions: []eservice.Question{{ID: "inre_text", Type: eservice.TypeText, Label: sv("Text")}}})
		}, map[string]string{qGroup + ".questions.2.type": eservice.MsgGroupNested}},
		{"group repeated 51 times", func(s *eservice.Spec) { question(s, 3, 4).MaxRepeat = 51 }, map[string]string{qGroup + ".max_repeat": eservice.MsgMaxRepeat}},
		{"group repeated 50 times", func(s *eservice.Spec) { question(s, 3, 4).MaxRepeat = 50 }, nil},
		{"questions in a text", func(s *eservice.Spec) { question(s, 1, 1).Questions = question(s, 3, 4).Questions[:1] }, map[string]string{qStolpe + ".questions": eservice.MsgNotForType}},
		{"max repeat on text", func(s *eservice.Spec) { question(s, 1, 1).MaxRepeat = 2 }, map[string]string{qStolpe + ".max_repeat": eservice.MsgNotForType}},
	}
}

// conditionCases cover conditions.
func conditionCases() []specCase {
	cond := func(q string, values ...string) []eservice.Condition {
		return []eservice.Condition{{Question: q, Values: values}}
	}
	return []specCase{
		{"unknown question", func(s *eservice.Spec) { question(s, 1, 1).ShowIf = cond("finns_inte", "x") }, map[string]string{qStolpe + ".show_if.0.question": eservice.MsgConditionUnknown}},
		{"later question", func(s *eservice.Spec) { question(s, 0, 0).ShowIf = cond("fara", "yes") }, map[string]string{qTyp + ".show_if.0.question": eservice.MsgConditionLater}},
		{"itself", func(s *eservice.Spec) { question(s, 0, 2).ShowIf = cond("fara", "yes") }, map[string]string{qFara + ".show_if.0.question": eservice.MsgConditionLater}},
		{"page on its own question", func(s *eservice.Spec) { page(s, 4).ShowIf = cond("vill_ha_svar", "yes") }, map[string]string{"form.pages.4.show_if.0.question": eservice.MsgConditionLater}},
		{"page on an earlier page", func(s *eservice.Spec) { page(s, 4).ShowIf = cond("fara", "no") }, nil},
		{"on a text question", func(s *eservice.Spec) { question(s, 0, 2).ShowIf = cond("annat_beskrivning", "x") }, map[string]string{qFara + ".show_if.0.question": eservice.MsgConditionType}},
		{"on a multichoice question", func(s *eservice.Spec) { page(s, 3).ShowIf = cond("utrustning", "gunga") }, nil},
		{"on a group's question", func(s *eservice.Spec) { question(s, 4, 0).ShowIf = cond("fler_antal", "1") }, map[string]string{"form.pages.4.questions.0.show_if.0.question": eservice.MsgConditionGroup}},
		{"inside a group on a sibling", func(s *eservice.Spec) {
			g := question(s, 3, 4)
			g.Questions[0].Type, g.Questions[0].Options = eservice.TypeYesNo, nil
			g.Questions[1].ShowIf = cond("fler_plats", "yes")
		}, map[string]string{qGroupTwo + ".show_if.0.question": eservice.MsgConditionGroup}},
		{"inside a group on a question after it", func(s *eservice.Spec) { question(s, 3, 4).Questions[1].ShowIf = cond("vill_ha_svar", "yes") },
			map[string]string{qGroupTwo + ".show_if.0.question": eservice.MsgConditionLater}},
		{"no values", func(s *eservice.Spec) { question(s, 0, 1).ShowIf[0].Values = nil }, map[string]string{qAnnat + ".show_if.0.values": eservice.MsgConditionValues}},
		{"value not an option", func(s *eservice.Spec) { question(s, 0, 1).ShowIf[0].Values = []string{"annat", "ovrigt"} }, map[string]string{qAnnat + ".show_if.0.values.1": eservice.MsgConditionValue}},
		{"yes/no value in Swedish", func(s *eservice.Spec) { question(s, 0, 3).ShowIf[0].Values = []string{"ja"} }, map[string]string{qInfo + ".show_if.0.values.0": eservice.MsgConditionValue}},
		{"not", func(s *eservice.Spec) { question(s, 0, 3).ShowIf[0].Not = true }, nil},
		{"eleven conditions", func(s *eservice.Spec) {
			for range 11 {
				question(s, 4, 4).ShowIf = append(question(s, 4, 4).ShowIf, eservice.Condition{Question: "fara", Values: []string{"yes"}})
			}
		}, map[string]string{qTelefon + ".show_if": eservice.MsgConditionsTooMany}},
		{"second condition broken", func(s *eservice.Spec) { question(s, 4, 4).ShowIf[1].Question = "telefon" }, map[string]string{qTelefon + ".show_if.1.question": eservice.MsgConditionLater}},
		{"condition on the choice before", func(s *eservice.Spec) { question(s, 4, 3).ShowIf = cond("kontaktsatt", "epost", "telefon") }, nil},
		{"kontaktsatt hidden by its own choice", func(s *eservice.Spec) { question(s, 4, 2).ShowIf = cond("kontaktsatt", "epost") },
			map[string]string{qKontakt + ".show_if.0.question": eservice.MsgConditionLater}},
	}
}

func allSpecCases() []specCase {
	var all []specCase
	for _, cases := range [][]specCase{catalogueCases(), statusCases(), formCases(), conditionCases()} {
		all = append(all, cases...)
	}
	return all
}

func fill(s []string, v string) {
	for i := range s {
		s[i] = v + fmt.Sprint(i)
	}
}

func TestSpecValidate(t *testing.T) {
	t.Parallel()
	msgs := eservice.Messages()
	for _, tt := range allSpecCases() {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := felanmalan(t)
			tt.change(&s)
			err := s.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			if sprang.ErrorKind(err) != sprang.Invalid || sprang.ErrorMessage(err) != eservice.MsgSpecInvalid {
				t.Fatalf("Validate = %v, want Invalid %s", err, eservice.MsgSpecInvalid)
			}
			got := sprang.ErrorFields(err)
			for path, key := range tt.want {
				if got[path] != key {
					t.Errorf("Fields[%s] = %q, want %q (all: %v)", path, got[path], key, got)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("Fields = %v, want only %v", got, tt.want)
			}
			for _, k := range sortedKeys(got) {
				if _, ok := msgs[got[k]]; !ok {
					t.Errorf("Fields[%s] = %q has no text", k, got[k])
				}
			}
		})
	}
}

// TestValidateDefaults checks the smallest spec a builder makes.
func TestValidateMinimal(t *testing.T) {
	t.Parallel()
	if err := minimal().Validate(); err != nil {
		t.Errorf("minimal spec: %v", err)
	}
}

// minimal returns the smallest valid spec.
func minimal() eservice.Spec {
	return eservice.Spec{
		Slug: "minsta", Title: sv("Minsta"), Summary: sv("Den minsta tjänsten."), Category: "kommun-politik",
		Privacy:   eservice.Privacy{Purpose: sv("Syfte"), LegalBasis: sv("Grund"), Retention: sv("Två år"), Controller: "Kommunstyrelsen"},
		Retention: eservice.Retention{Months: 1, Action: eservice.RetainDelete}, TargetDays: 1,
		Statuses: eservice.DefaultStatuses(),
		Form: eservice.Form{Pages: []eservice.Page{{ID: "p", Title: sv("Sida"),
			Questions: []eservice.Question{{ID: "q", Type: eservice.TypeText, Label: sv("Fråga")}}}}},
	}
}
