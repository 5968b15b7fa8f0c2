package identity

// Message keys of the validation errors this package returns. The web layer
// translates them; Messages gives the texts in Swedish and English.
const (
	MsgRequired          = "identity.required"
	MsgTooLong           = "identity.too_long"
	MsgSlugInvalid       = "identity.slug.invalid"
	MsgUnitKindInvalid   = "identity.unit.kind_invalid"
	MsgUnitParentGroup   = "identity.unit.group_is_root"
	MsgUnitParentMissing = "identity.unit.parent_missing"
	MsgUnitParentKind    = "identity.unit.parent_kind"
	MsgUnitOneGroup      = "identity.unit.one_group"
	MsgSlugTaken         = "identity.slug.taken"
	MsgUsernameTaken     = "identity.username.taken"
	MsgOrgNumberFormat   = "identity.orgnr.format"
	MsgOrgNumberChecksum = "identity.orgnr.checksum"
	MsgOrgNumberKind     = "identity.orgnr.not_legal_entity"
	MsgPnrFormat         = "identity.pnr.format"
	MsgPnrDate           = "identity.pnr.date"
	MsgPnrFuture         = "identity.pnr.future"
	MsgPnrChecksum       = "identity.pnr.checksum"
	MsgUsernameInvalid   = "identity.username.invalid"
	MsgEmailInvalid      = "identity.email.invalid"
	MsgDisplayName       = "identity.display_name.invalid"
	MsgPasswordShort     = "identity.password.too_short"
	MsgPasswordLong      = "identity.password.too_long"
	MsgRoleInvalid       = "identity.role.invalid"
	MsgLoAInvalid        = "identity.loa.invalid"
)

// Text is a user-facing text in Swedish and English.
type Text struct {
	SV, EN string
}

// Messages returns the Swedish and English texts of every message key above,
// for the locale catalog. The map is new on every call.
func Messages() map[string]Text {
	return map[string]Text{
		MsgRequired:          {"Fältet måste fyllas i.", "This field is required."},
		MsgTooLong:           {"Texten är för lång.", "The text is too long."},
		MsgSlugInvalid:       {"Kortnamnet får bara innehålla a–z, 0–9 och bindestreck (2–64 tecken).", "The short name may only contain a–z, 0–9 and hyphens (2–64 characters)."},
		MsgUnitKindInvalid:   {"Välj en typ av enhet.", "Choose a kind of unit."},
		MsgUnitParentGroup:   {"Koncernen ligger överst och kan inte ha en överordnad enhet.", "The group is the top unit and cannot have a parent."},
		MsgUnitParentMissing: {"Välj en överordnad enhet som finns.", "Choose an existing parent unit."},
		MsgUnitParentKind:    {"Enheten kan inte ligga under den valda överordnade enheten.", "The unit cannot be placed under the chosen parent."},
		MsgUnitOneGroup:      {"Det finns redan en koncern överst i organisationen.", "There is already a group at the top of the organization."},
		MsgSlugTaken:         {"Kortnamnet används redan av en annan enhet.", "The short name is already used by another unit."},
		MsgUsernameTaken:     {"Användarnamnet är upptaget.", "The username is already taken."},
		MsgOrgNumberFormat:   {"Skriv organisationsnumret som NNNNNN-NNNN.", "Write the organisation number as NNNNNN-NNNN."},
		MsgOrgNumberChecksum: {"Organisationsnumret stämmer inte – kontrollera siffrorna.", "The organisation number is not valid – check the digits."},
		MsgOrgNumberKind:     {"Det är inte ett organisationsnummer för en juridisk person.", "This is not an organisation number of a legal entity."},
		MsgPnrFormat:         {"Skriv personnumret som ÅÅÅÅMMDD-NNNN.", "Write the personal identity number as YYYYMMDD-NNNN."},
		MsgPnrDate:           {"Personnumret innehåller inget giltigt datum.", "The personal identity number does not contain a valid date."},
		MsgPnrFuture:         {"Personnumret har ett födelsedatum i framtiden.", "The personal identity number has a birth date in the future."},
		MsgPnrChecksum:       {"Personnumret stämmer inte – kontrollera de fyra sista siffrorna.", "The personal identity number is not valid – check the last four digits."},
		MsgUsernameInvalid:   {"Användarnamnet får bara innehålla a–z, 0–9, punkt, bindestreck och understreck (2–64 tecken).", "The username may only contain a–z, 0–9, dot, hyphen and underscore (2–64 characters)."},
		MsgEmailInvalid:      {"Skriv en e-postadress som namn@exempel.se.", "Write an e-mail address like name@example.com."},
		MsgDisplayName:       {"Skriv ett namn (högst 100 tecken).", "Write a name (at most 100 characters)."},
		MsgPasswordShort:     {"Lösenordet måste ha minst 12 tecken.", "The password must have at least 12 characters."},
		MsgPasswordLong:      {"Lösenordet får ha högst 256 tecken.", "The password may have at most 256 characters."},
		MsgRoleInvalid:       {"Välj en roll.", "Choose a role."},
		MsgLoAInvalid:        {"Okänd tillitsnivå.", "Unknown level of assurance."},
	}
}
