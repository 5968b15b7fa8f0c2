package eservice

// Message keys of the problems this package reports. Answer problems
// (FieldError.Key) may have placeholders filled from FieldError.Args; spec
// problems (the Fields of Validate's error) have none; import problems have
// the placeholders that MessageArgs returns. Messages gives the texts.
const (
	// Answers.
	MsgRequired         = "eservice.answer.required"
	MsgInvalidChars     = "eservice.answer.invalid_chars"
	MsgTooLong          = "eservice.answer.too_long"
	MsgTooShort         = "eservice.answer.too_short"
	MsgPattern          = "eservice.answer.pattern"
	MsgNumberRequired   = "eservice.answer.number.required"
	MsgNumberFormat     = "eservice.answer.number.format"
	MsgNumberMin        = "eservice.answer.number.min"
	MsgNumberMax        = "eservice.answer.number.max"
	MsgNumberBetween    = "eservice.answer.number.between"
	MsgDateRequired     = "eservice.answer.date.required"
	MsgDateFormat       = "eservice.answer.date.format"
	MsgDateReal         = "eservice.answer.date.real"
	MsgEmailRequired    = "eservice.answer.email.required"
	MsgEmailFormat      = "eservice.answer.email.format"
	MsgPhoneRequired    = "eservice.answer.phone.required"
	MsgPhoneFormat      = "eservice.answer.phone.format"
	MsgPnrRequired      = "eservice.answer.pnr.required"
	MsgPnrFormat        = "eservice.answer.pnr.format"
	MsgPnrDate          = "eservice.answer.pnr.date"
	MsgPnrFuture        = "eservice.answer.pnr.future"
	MsgPnrChecksum      = "eservice.answer.pnr.checksum"
	MsgOrgRequired      = "eservice.answer.orgnr.required"
	MsgOrgFormat        = "eservice.answer.orgnr.format"
	MsgOrgKind          = "eservice.answer.orgnr.kind"
	MsgOrgChecksum      = "eservice.answer.orgnr.checksum"
	MsgStreetRequired   = "eservice.answer.address.street"
	MsgPostcodeRequired = "eservice.answer.address.postcode"
	MsgPostcodeFormat   = "eservice.answer.address.postcode_format"
	MsgCityRequired     = "eservice.answer.address.city"
	MsgChoose           = "eservice.answer.choose"
	MsgChooseSome       = "eservice.answer.choose_some"
	MsgChooseMin        = "eservice.answer.choose_min"
	MsgChooseMax        = "eservice.answer.choose_max"
	MsgYesNo            = "eservice.answer.yesno"
	MsgFileRequired     = "eservice.answer.file.required"
	MsgFileInvalid      = "eservice.answer.file.invalid"
	MsgGroupCount       = "eservice.answer.group.count"
	MsgGroupRequired    = "eservice.answer.group.required"
	MsgGroupMax         = "eservice.answer.group.max"

	// Specs (Validate).
	MsgSpecInvalid       = "eservice.spec.invalid"
	MsgSpecRequired      = "eservice.spec.required"
	MsgSpecShortTooLong  = "eservice.spec.short_too_long"
	MsgSpecLongTooLong   = "eservice.spec.long_too_long"
	MsgSpecControlChars  = "eservice.spec.control_chars"
	MsgSpecSlug          = "eservice.spec.slug"
	MsgSpecSlugReserved  = "eservice.spec.slug_reserved"
	MsgSpecUnit          = "eservice.spec.unit"
	MsgSpecCategory      = "eservice.spec.category"
	MsgSpecKeywords      = "eservice.spec.keywords"
	MsgSpecKeyword       = "eservice.spec.keyword"
	MsgSpecClass         = "eservice.spec.classification"
	MsgSpecLoginRequired = "eservice.spec.login.required"
	MsgSpecLoginEID      = "eservice.spec.login.eid"
	MsgSpecLoginLoA2     = "eservice.spec.login.loa2"
	MsgSpecLoginLoA3     = "eservice.spec.login.loa3"
	MsgSpecLoginLoA      = "eservice.spec.login.loa_invalid"
	MsgSpecAnonClass     = "eservice.spec.login.anonymous_class"
	MsgSpecAnonRequired  = "eservice.spec.login.anonymous_required"
	MsgSpecEmailClass    = "eservice.spec.confirm_by_email"
	MsgSpecMonths        = "eservice.spec.retention.months"
	MsgSpecAction        = "eservice.spec.retention.action"
	MsgSpecTargetDays    = "eservice.spec.target_days"
	MsgSpecMinutes       = "eservice.spec.minutes_to_fill"
	MsgSpecPhone         = "eservice.spec.phone"
	MsgSpecID            = "eservice.spec.id"
	MsgSpecIDTaken       = "eservice.spec.id_taken"
	MsgStatusesTooMany   = "eservice.spec.status.too_many"
	MsgStatusReceived    = "eservice.spec.status.received"
	MsgStatusDecided     = "eservice.spec.status.decided"
	MsgStatusClosed      = "eservice.spec.status.closed"
	MsgStatusKind        = "eservice.spec.status.kind"
	MsgStatusNext        = "eservice.spec.status.next"
	MsgStatusUnreachable = "eservice.spec.status.unreachable"
	MsgPagesNone         = "eservice.spec.pages_none"
	MsgPagesTooMany      = "eservice.spec.pages_too_many"
	MsgQuestionsNone     = "eservice.spec.questions_none"
	MsgQuestionsTooMany  = "eservice.spec.questions_too_many"
	MsgQuestionType      = "eservice.spec.question_type"
	MsgNotForType        = "eservice.spec.not_for_type"
	MsgOptionsFew        = "eservice.spec.options_few"
	MsgOptionsTooMany    = "eservice.spec.options_too_many"
	MsgOptionValue       = "eservice.spec.option_value"
	MsgOptionTaken       = "eservice.spec.option_taken"
	MsgDisplay           = "eservice.spec.display"
	MsgLengthLimit       = "eservice.spec.length_limit"
	MsgLengthOrder       = "eservice.spec.length_order"
	MsgRangeOrder        = "eservice.spec.range_order"
	MsgChoiceCount       = "eservice.spec.choice_count"
	MsgPatternInvalid    = "eservice.spec.pattern"
	MsgPatternMessage    = "eservice.spec.pattern_message"
	MsgFileRule          = "eservice.spec.file_rule"
	MsgFileType          = "eservice.spec.file_type"
	MsgFileSize          = "eservice.spec.file_size"
	MsgGroupEmpty        = "eservice.spec.group_empty"
	MsgGroupNested       = "eservice.spec.group_nested"
	MsgMaxRepeat         = "eservice.spec.max_repeat"
	MsgConditionUnknown  = "eservice.spec.condition.unknown"
	MsgConditionLater    = "eservice.spec.condition.later"
	MsgConditionType     = "eservice.spec.condition.type"
	MsgConditionGroup    = "eservice.spec.condition.group"
	MsgConditionValues   = "eservice.spec.condition.values"
	MsgConditionValue    = "eservice.spec.condition.value"
	MsgConditionsTooMany = "eservice.spec.condition.too_many"
	MsgSpecFormat        = "eservice.spec.format"

	// Import.
	MsgImportTooLarge     = "eservice.import.too_large"
	MsgImportEmpty        = "eservice.import.empty"
	MsgImportSyntax       = "eservice.import.syntax"
	MsgImportUnknownField = "eservice.import.unknown_field"
	MsgImportType         = "eservice.import.type"
	MsgImportFormat       = "eservice.import.format"
)

// Messages returns the Swedish and English texts of every message key
// above, for the locale catalog. Every text says how to put the problem
// right. The map is new on every call.
func Messages() map[string]Text {
	m := answerMessages()
	for k, v := range specMessages() {
		m[k] = v
	}
	for k, v := range importMessages() {
		m[k] = v
	}
	return m
}

func answerMessages() map[string]Text {
	return map[string]Text{
		MsgRequired:         {"Skriv ditt svar.", "Enter your answer."},
		MsgInvalidChars:     {"Svaret innehåller tecken som inte kan användas, till exempel osynliga styrtecken. Ta bort dem och skriv svaret igen.", "The answer contains characters that cannot be used, such as invisible control characters. Remove them and type your answer again."},
		MsgTooLong:          {"Svaret får vara högst %d tecken. Korta det.", "The answer must be %d characters or fewer. Shorten it."},
		MsgTooShort:         {"Svaret måste vara minst %d tecken. Skriv lite mer.", "The answer must be at least %d characters. Write a little more."},
		MsgPattern:          {"Svaret har inte rätt form. Kontrollera det och försök igen.", "The answer is not in the right form. Check it and try again."},
		MsgNumberRequired:   {"Skriv ett tal, till exempel 12 eller 12,5.", "Enter a number, for example 12 or 12.5."},
		MsgNumberFormat:     {"Skriv bara siffror, till exempel 12 eller 12,5.", "Enter numbers only, for example 12 or 12.5."},
		MsgNumberMin:        {"Skriv ett tal som är %s eller större.", "Enter a number that is %s or more."},
		MsgNumberMax:        {"Skriv ett tal som är %s eller mindre.", "Enter a number that is %s or less."},
		MsgNumberBetween:    {"Skriv ett tal från %s till %s.", "Enter a number from %s to %s."},
		MsgDateRequired:     {"Skriv ett datum, till exempel 2026-03-15.", "Enter a date, for example 2026-03-15."},
		MsgDateFormat:       {"Skriv datumet som år-månad-dag med siffror, till exempel 2026-03-15.", "Enter the date as year-month-day in numbers, for example 2026-03-15."},
		MsgDateReal:         {"Datumet finns inte. Kontrollera månaden och dagen, till exempel 2026-03-15.", "The date does not exist. Check the month and the day, for example 2026-03-15."},
		MsgEmailRequired:    {"Skriv en e-postadress, till exempel namn@exempel.se.", "Enter an email address, for example name@example.com."},
		MsgEmailFormat:      {"Skriv e-postadressen i rätt format, till exempel namn@exempel.se.", "Enter the email address in the correct format, like name@example.com."},
		MsgPhoneRequired:    {"Skriv ett telefonnummer, till exempel 060-19 10 00.", "Enter a phone number, for example 060-19 10 00."},
		MsgPhoneFormat:      {"Skriv telefonnumret med 7 till 20 siffror, till exempel 060-19 10 00 eller +46 60 19 10 00.", "Enter the phone number with 7 to 20 digits, for example 060-19 10 00 or +46 60 19 10 00."},
		MsgPnrRequired:      {"Skriv ett personnummer med 12 siffror, till exempel 19811218-9876.", "Enter a personal identity number with 12 digits, for example 19811218-9876."},
		MsgPnrFormat:        {"Skriv personnumret med 12 siffror, till exempel 19811218-9876.", "Enter the personal identity number with 12 digits, for example 19811218-9876."},
		MsgPnrDate:          {"Personnumret innehåller inget giltigt datum. Kontrollera de åtta första siffrorna (år, månad, dag).", "The personal identity number does not contain a real date. Check the first eight digits (year, month, day)."},
		MsgPnrFuture:        {"Födelsedatumet i personnumret ligger i framtiden. Kontrollera årtalet.", "The birth date in the personal identity number is in the future. Check the year."},
		MsgPnrChecksum:      {"Personnumret stämmer inte. Kontrollera de fyra sista siffrorna.", "The personal identity number is not valid. Check the last four digits."},
		MsgOrgRequired:      {"Skriv ett organisationsnummer med 10 siffror, till exempel 212000-2411.", "Enter an organisation number with 10 digits, for example 212000-2411."},
		MsgOrgFormat:        {"Skriv organisationsnumret med 10 siffror, till exempel 212000-2411.", "Enter the organisation number with 10 digits, for example 212000-2411."},
		MsgOrgKind:          {"Det är inte organisationsnumret för ett företag eller en organisation. Kontrollera siffrorna.", "This is not the organisation number of a company or an organisation. Check the digits."},
		MsgOrgChecksum:      {"Organisationsnumret stämmer inte. Kontrollera siffrorna.", "The organisation number is not valid. Check the digits."},
		MsgStreetRequired:   {"Skriv gatuadressen, till exempel Storgatan 1.", "Enter the street address, for example Storgatan 1."},
		MsgPostcodeRequired: {"Skriv postnumret, till exempel 891 88.", "Enter the postcode, for example 891 88."},
		MsgPostcodeFormat:   {"Skriv postnumret med 5 siffror, till exempel 891 88.", "Enter the postcode with 5 digits, for example 891 88."},
		MsgCityRequired:     {"Skriv postorten, till exempel Örnsköldsvik.", "Enter the town, for example Örnsköldsvik."},
		MsgChoose:           {"Välj ett av alternativen.", "Select one of the options."},
		MsgChooseSome:       {"Välj minst ett alternativ.", "Select at least one option."},
		MsgChooseMin:        {"Välj minst %d alternativ.", "Select at least %d options."},
		MsgChooseMax:        {"Välj högst %d alternativ.", "Select no more than %d options."},
		MsgYesNo:            {"Välj ja eller nej.", "Select yes or no."},
		MsgFileRequired:     {"Välj en fil att ladda upp.", "Select a file to upload."},
		MsgFileInvalid:      {"Filen hittades inte. Välj filen och ladda upp den igen.", "The file could not be found. Select the file and upload it again."},
		MsgGroupCount:       {"Det gick inte att läsa hur många du har lagt till. Ladda om sidan och försök igen.", "We could not read how many you have added. Reload the page and try again."},
		MsgGroupRequired:    {"Lägg till minst en.", "Add at least one."},
		MsgGroupMax:         {"Du kan lägga till högst %d. Ta bort någon.", "You can add no more than %d. Remove one."},
		MsgReferenceFormat:  {"Skriv referensen med 8 tecken, till exempel KX4M-7TQ9.", "Enter the errand reference with 8 characters, for example KX4M-7TQ9."},
	}
}

func specMessages() map[string]Text {
	return map[string]Text{
		MsgSpecInvalid:       {"Tjänsten har fel. Rätta dem innan du sparar eller publicerar den.", "The service has errors. Correct them before you save or publish it."},
		MsgSpecRequired:      {"Fyll i det här fältet.", "Fill in this field."},
		MsgSpecBlank:         {"Texten består bara av mellanslag. Skriv en text eller töm fältet.", "The text is only spaces. Write a text or empty the field."},
		MsgSpecShortTooLong:  {"Texten får vara högst 200 tecken. Korta den.", "The text must be 200 characters or fewer. Shorten it."},
		MsgSpecLongTooLong:   {"Texten får vara högst 10 000 tecken. Korta den.", "The text must be 10,000 characters or fewer. Shorten it."},
		MsgSpecControlChars:  {"Texten innehåller osynliga styrtecken eller ogiltiga tecken. Ta bort dem.", "The text contains invisible control characters or invalid characters. Remove them."},
		MsgSpecSlug:          {"Skriv adressnamnet med 2 till 60 tecken: a–z, 0–9 och bindestreck, till exempel felanmalan-gata-park.", "Enter the URL name with 2 to 60 characters: a–z, 0–9 and hyphens, for example report-a-pothole."},
		MsgSpecSlugReserved:  {"Adressnamnet används av e-tjänsternas egna sidor. Välj ett annat, mer beskrivande namn.", "That URL name is used by the e-services' own pages. Choose another, more descriptive one."},
		MsgSpecUnit:          {"Skriv enhetens kortnamn med a–z, 0–9 och bindestreck, till exempel samhallsbyggnad.", "Enter the unit's short name with a–z, 0–9 and hyphens, for example planning."},
		MsgSpecCategory:      {"Välj en kategori för katalogen.", "Select a category for the catalogue."},
		MsgSpecKeywords:      {"Skriv högst 20 sökord.", "Enter no more than 20 search words."},
		MsgSpecKeyword:       {"Skriv sökordet med 1 till 40 tecken, eller ta bort det.", "Enter the search word with 1 to 40 characters, or remove it."},
		MsgSpecClass:         {"Välj en informationsklass från 0 till 3.", "Select an information class from 0 to 3."},
		MsgSpecLoginRequired: {"Informationsklass 2 och 3 kräver inloggning. Välj att inloggning krävs.", "Information classes 2 and 3 require logging in. Select that login is required."},
		MsgSpecLoginEID:      {"Informationsklass 2 och 3 kräver e-legitimation. Välj att e-legitimation krävs.", "Information classes 2 and 3 require an e-ID. Select that an e-ID is required."},
		MsgSpecLoginLoA2:     {"Informationsklass 2 kräver tillitsnivå 2 eller högre. Välj loa2, loa3 eller loa4.", "Information class 2 requires assurance level 2 or higher. Select loa2, loa3 or loa4."},
		MsgSpecLoginLoA3:     {"Informationsklass 3 kräver tillitsnivå 3 eller högre, till exempel BankID eller Freja+. Välj loa3 eller loa4.", "Information class 3 requires assurance level 3 or higher, such as BankID or Freja+. Select loa3 or loa4."},
		MsgSpecLoginLoA:      {"Välj en tillitsnivå: loa1, loa2, loa3 eller loa4.", "Select an assurance level: loa1, loa2, loa3 or loa4."},
		MsgSpecAnonClass:     {"Tjänster i informationsklass 2 och 3 kan inte ta emot anonyma ärenden. Ta bort valet att skicka anonymt.", "Services in information classes 2 and 3 cannot accept anonymous errands. Remove the anonymous option."},
		MsgSpecAnonRequired:  {"Välj antingen att inloggning krävs eller att man kan skicka anonymt, inte båda.", "Select either that login is required or that errands may be sent anonymously, not both."},
		MsgSpecEmailClass:    {"Informationsklass 3 tillåter inte kvitto med e-post. Ta bort valet; kvittot finns på Mina sidor.", "Information class 3 does not allow receipts by email. Remove the option; the receipt is on My pages."},
		MsgSpecMonths:        {"Skriv hur många månader efter avslut ärendena ska gallras, från 1 till 1200.", "Enter how many months after closing errands are disposed of, from 1 to 1200."},
		MsgSpecAction:        {"Välj om ärendena ska avidentifieras eller raderas vid gallring.", "Select whether errands are anonymised or deleted at disposal."},
		MsgSpecTargetDays:    {"Skriv handläggningstiden i dagar, från 1 till 3650.", "Enter the handling time in days, from 1 to 3650."},
		MsgSpecMinutes:       {"Skriv hur många minuter det tar att fylla i, från 1 till 600, eller lämna fältet tomt.", "Enter how many minutes filling in takes, from 1 to 600, or leave the field empty."},
		MsgSpecPhone:         {"Skriv telefonnumret med 7 till 20 siffror, till exempel 060-19 10 00.", "Enter the phone number with 7 to 20 digits, for example 060-19 10 00."},
		MsgSpecID:            {"Skriv id:t med a–z, 0–9 och understreck, börja med en bokstav och använd högst 40 tecken, till exempel kontakt_epost.", "Enter the id with a–z, 0–9 and underscores, starting with a letter, at most 40 characters, for example contact_email."},
		MsgSpecIDTaken:       {"Id:t används redan. Välj ett annat id.", "The id is already used. Choose another id."},
		MsgStatusesTooMany:   {"Statuslistan får ha högst 20 statusar. Ta bort någon.", "The status list can have no more than 20 statuses. Remove one."},
		MsgStatusReceived:    {"Statuslistan måste ha exakt en status av typen mottaget.", "The status list must have exactly one status of the kind received."},
		MsgStatusDecided:     {"Statuslistan måste ha minst en status av typen beslutat.", "The status list must have at least one status of the kind decided."},
		MsgStatusClosed:      {"Statuslistan måste ha minst en status av typen avslutat.", "The status list must have at least one status of the kind closed."},
		MsgStatusKind:        {"Välj typ av status: mottaget, öppet, väntar, beslutat eller avslutat.", "Select the kind of status: received, open, waiting, decided or closed."},
		MsgStatusNext:        {"Välj nästa status bland de andra statusarna i listan.", "Select the next status from the other statuses in the list."},
		MsgStatusUnreachable: {"Statusen kan inte nås från mottaget. Lägg till den som nästa status för en annan status.", "The status cannot be reached from received. Add it as the next status of another status."},
		MsgPagesNone:         {"Lägg till minst en sida med frågor.", "Add at least one page of questions."},
		MsgPagesTooMany:      {"Ett formulär får ha högst 30 sidor. Slå ihop eller ta bort sidor.", "A form can have no more than 30 pages. Merge or remove pages."},
		MsgQuestionsNone:     {"Lägg till minst en fråga eller informationstext på sidan.", "Add at least one question or information text to the page."},
		MsgQuestionsTooMany:  {"En sida får ha högst 60 frågor. Dela upp sidan.", "A page can have no more than 60 questions. Split the page."},
		MsgQuestionType:      {"Välj en frågetyp.", "Select a question type."},
		MsgNotForType:        {"Inställningen gäller inte den här frågetypen. Ta bort den.", "The setting does not apply to this question type. Remove it."},
		MsgOptionsFew:        {"Lägg till fler alternativ: ett val behöver minst två, flerval minst ett.", "Add more options: a choice needs at least two, a multiple choice at least one."},
		MsgOptionsTooMany:    {"En fråga får ha högst 50 alternativ. Ta bort några.", "A question can have no more than 50 options. Remove some."},
		MsgOptionValue:       {"Skriv värdet med 1 till 40 tecken: a–z, 0–9, bindestreck och understreck.", "Enter the value with 1 to 40 characters: a–z, 0–9, hyphens and underscores."},
		MsgOptionTaken:       {"Två alternativ har samma värde. Ge dem olika värden.", "Two options have the same value. Give them different values."},
		MsgDisplay:           {"Välj visning: radioknappar (radio) eller lista (select).", "Select the display: radio buttons (radio) or a list (select)."},
		MsgLengthLimit:       {"Skriv en längd från 0 till 1 000 tecken för kort text, eller till 20 000 för lång text.", "Enter a length from 0 to 1,000 characters for short text, or to 20,000 for long text."},
		MsgLengthOrder:       {"Den minsta längden får inte vara större än den största.", "The shortest length must not be greater than the longest."},
		MsgRangeOrder:        {"Det lägsta värdet får inte vara större än det högsta.", "The lowest value must not be greater than the highest."},
		MsgChoiceCount:       {"Skriv antalet val som ett heltal från 0 till antalet alternativ.", "Enter the number of choices as a whole number from 0 to the number of options."},
		MsgPatternInvalid:    {"Mönstret är inte ett giltigt reguljärt uttryck (RE2) på högst 500 tecken. Rätta det.", "The pattern is not a valid regular expression (RE2) of at most 500 characters. Correct it."},
		MsgPatternMessage:    {"Skriv felmeddelandet som visas när svaret inte följer mönstret.", "Enter the error message shown when the answer does not match the pattern."},
		MsgFileRule:          {"Välj vilka filtyper och hur stora filer frågan tar emot.", "Select which file types and how large files the question accepts."},
		MsgFileType:          {"Välj filtyper bland PDF, JPEG, PNG, HEIC, text, Word (docx) och OpenDocument-text, och var typ en gång.", "Select file types from PDF, JPEG, PNG, HEIC, text, Word (docx) and OpenDocument text, each type once."},
		MsgFileSize:          {"Skriv största filstorlek från 1 byte till 20 MB.", "Enter the largest file size, from 1 byte to 20 MB."},
		MsgGroupEmpty:        {"Lägg till minst en fråga i gruppen.", "Add at least one question to the group."},
		MsgGroupNested:       {"En grupp kan inte ligga i en annan grupp. Flytta ut den.", "A group cannot be inside another group. Move it out."},
		MsgMaxRepeat:         {"Skriv hur många gånger gruppen kan upprepas, från 1 till 50.", "Enter how many times the group can repeat, from 1 to 50."},
		MsgConditionUnknown:  {"Frågan som villkoret gäller finns inte. Välj en fråga som kommer tidigare i formuläret.", "The question the condition refers to does not exist. Choose a question earlier in the form."},
		MsgConditionLater:    {"Ett villkor kan bara gälla en fråga som kommer tidigare i formuläret. Välj en tidigare fråga eller flytta frågan.", "A condition can only refer to a question earlier in the form. Choose an earlier question or move this one."},
		MsgConditionType:     {"Ett villkor kan bara gälla en fråga med val, flerval eller ja/nej.", "A condition can only refer to a choice, multiple-choice or yes/no question."},
		MsgConditionGroup:    {"Ett villkor kan inte gälla en fråga i en grupp. Välj en fråga utanför gruppen.", "A condition cannot refer to a question in a group. Choose a question outside the group."},
		MsgConditionValues:   {"Välj minst ett svar som villkoret gäller.", "Select at least one answer the condition applies to."},
		MsgConditionValue:    {"Svaret finns inte bland frågans alternativ. Välj ett av dem.", "The answer is not one of the question's options. Select one of them."},
		MsgConditionsTooMany: {"Ett villkor får ha högst 10 delar och 50 svar. Förenkla det.", "A condition can have no more than 10 parts and 50 answers. Simplify it."},
		MsgSpecFormat:        {"Formatet måste vara sprang-eservice/1.", "The format must be sprang-eservice/1."},
	}
}

func importMessages() map[string]Text {
	return map[string]Text{
		MsgImportTooLarge:     {"Filen är större än 1 MB. Välj en exporterad e-tjänst från Språnget.", "The file is larger than 1 MB. Select an e-service exported from Språnget."},
		MsgImportEmpty:        {"Filen är tom. Välj en exporterad e-tjänst från Språnget.", "The file is empty. Select an e-service exported from Språnget."},
		MsgImportSyntax:       {"Filen är inte giltig JSON: det finns ett fel på rad %d, tecken %d. Rätta filen eller exportera tjänsten igen.", "The file is not valid JSON: there is an error on line %d, character %d. Correct the file or export the service again."},
		MsgImportUnknownField: {"Filen innehåller fältet %s, som inte finns i formatet. Ta bort fältet eller kontrollera stavningen.", "The file contains the field %s, which is not part of the format. Remove the field or check its spelling."},
		MsgImportType:         {"Fältet %s har fel sorts värde (rad %d, tecken %d). Rätta värdet, till exempel en text inom citattecken eller ett tal utan.", "The field %s has the wrong kind of value (line %d, character %d). Correct the value, for example a text in quotes or a number without."},
		MsgImportFormat:       {"Filen är inte en e-tjänst från Språnget, eller så kommer den från en nyare version. Exportera tjänsten igen eller uppdatera Språnget.", "This file is not a Språnget e-service, or it is from a newer version. Export the service again or update Språnget."},
	}
}
