package opendata

// Message keys of the conformance problems Check reports (Problem.Key).
// Keys with a %s placeholder are filled from Problem.Arg. Messages gives
// the texts.
const (
	MsgCheckTitleSV             = "opendata.check.title_sv"
	MsgCheckTitleEN             = "opendata.check.title_en"
	MsgCheckDescriptionSV       = "opendata.check.description_sv"
	MsgCheckDescriptionEN       = "opendata.check.description_en"
	MsgCheckPublisher           = "opendata.check.publisher"
	MsgCheckPublisherType       = "opendata.check.publisher_type" // unit name
	MsgCheckContact             = "opendata.check.contact"
	MsgCheckContactName         = "opendata.check.contact_name"
	MsgCheckContactEmail        = "opendata.check.contact_email"
	MsgCheckContactEmailFormat  = "opendata.check.contact_email_format" // address
	MsgCheckKeywords            = "opendata.check.keywords"
	MsgCheckKeywordsEN          = "opendata.check.keywords_en"
	MsgCheckThemes              = "opendata.check.themes"
	MsgCheckThemeUnknown        = "opendata.check.theme_unknown" // value
	MsgCheckLicence             = "opendata.check.licence"
	MsgCheckLicenceUnknown      = "opendata.check.licence_unknown" // value
	MsgCheckAccessRights        = "opendata.check.access_rights"
	MsgCheckAccessRightsUnknown = "opendata.check.access_rights_unknown" // value
	MsgCheckFrequency           = "opendata.check.frequency"
	MsgCheckFrequencyUnknown    = "opendata.check.frequency_unknown" // value
	MsgCheckTemporal            = "opendata.check.temporal"
	MsgCheckDate                = "opendata.check.date" // value
	MsgCheckTemporalOrder       = "opendata.check.temporal_order"
	MsgCheckSpatial             = "opendata.check.spatial"
	MsgCheckSpatialFormat       = "opendata.check.spatial_format" // value
	MsgCheckLandingPage         = "opendata.check.landing_page"   // value
	MsgCheckHVDUnknown          = "opendata.check.hvd_unknown"    // value
	MsgCheckHVDAccess           = "opendata.check.hvd_access"
	MsgCheckNoDistributions     = "opendata.check.distributions"
	MsgCheckDistTitle           = "opendata.check.distribution.title"
	MsgCheckDistDescription     = "opendata.check.distribution.description"
	MsgCheckDistURL             = "opendata.check.distribution.url" // value
	MsgCheckDistFile            = "opendata.check.distribution.file"
	MsgCheckDistKind            = "opendata.check.distribution.kind" // value
	MsgCheckDistFormat          = "opendata.check.distribution.format"
	MsgCheckDistFormatUnknown   = "opendata.check.distribution.format_unknown" // value
)

// Text is a user-facing text in Swedish and English.
type Text struct {
	SV, EN string
}

// Messages returns the Swedish and English texts of every message key
// above, for the locale catalog. Each says what is wrong and how to put it
// right. The map is new on every call.
func Messages() map[string]Text {
	return map[string]Text{
		MsgCheckTitleSV:             {"Skriv en titel på svenska. Den visas i katalogen och på dataportal.se.", "Enter a title in Swedish. It is shown in the catalogue and on dataportal.se."},
		MsgCheckTitleEN:             {"Skriv gärna en titel på engelska, så att datamängden hittas även på data.europa.eu.", "Consider adding a title in English, so that the dataset can also be found on data.europa.eu."},
		MsgCheckDescriptionSV:       {"Skriv en beskrivning på svenska: vad datamängden innehåller, var uppgifterna kommer ifrån och hur de kan användas.", "Enter a description in Swedish: what the dataset contains, where the data comes from and how it can be used."},
		MsgCheckDescriptionEN:       {"Skriv gärna en beskrivning på engelska, så att fler kan använda datamängden.", "Consider adding a description in English, so that more people can use the dataset."},
		MsgCheckPublisher:           {"Välj vilken enhet som publicerar datamängden. Enheten måste ha ett namn.", "Choose the unit that publishes the dataset. The unit must have a name."},
		MsgCheckPublisherType:       {"Enheten %s saknar typ av utgivare. Be en administratör att ange om enheten är en förvaltning eller ett bolag.", "The unit %s has no publisher type. Ask an administrator to set whether the unit is a department or a company."},
		MsgCheckContact:             {"Ange gärna en kontaktpunkt, till exempel enhetens namn och en funktionsadress, så att användare kan ställa frågor om datamängden.", "Consider adding a contact point, such as the unit's name and a shared e-mail address, so that users can ask about the dataset."},
		MsgCheckContactName:         {"Skriv namnet på kontaktpunkten, till exempel ”Miljöenheten”. En funktion är bättre än en person.", "Enter the name of the contact point, for example “Environment unit”. A function is better than a person."},
		MsgCheckContactEmail:        {"Skriv kontaktpunktens e-postadress, till exempel miljo@kommun.se.", "Enter the contact point's e-mail address, for example environment@municipality.se."},
		MsgCheckContactEmailFormat:  {"E-postadressen ”%s” går inte att använda. Skriv den i formen namn@exempel.se, utan mellanslag.", "The e-mail address “%s” cannot be used. Write it as name@example.com, without spaces."},
		MsgCheckKeywords:            {"Lägg gärna till några nyckelord på svenska, så att datamängden blir lättare att hitta.", "Consider adding a few keywords in Swedish, so that the dataset is easier to find."},
		MsgCheckKeywordsEN:          {"Lägg gärna till nyckelord på engelska också.", "Consider adding keywords in English too."},
		MsgCheckThemes:              {"Välj gärna minst ett tema, så att datamängden hamnar rätt på dataportal.se.", "Consider choosing at least one theme, so that the dataset is listed in the right place on dataportal.se."},
		MsgCheckThemeUnknown:        {"Temat ”%s” finns inte i EU:s lista över datateman. Välj ett tema i listan.", "The theme “%s” is not in the EU list of data themes. Choose a theme from the list."},
		MsgCheckLicence:             {"Välj en licens. CC0 1.0 låter alla använda data fritt; CC BY 4.0 kräver att källan anges.", "Choose a licence. CC0 1.0 lets anyone use the data freely; CC BY 4.0 requires the source to be credited."},
		MsgCheckLicenceUnknown:      {"Licensen ”%s” kan inte användas här. Välj CC0 1.0 eller CC BY 4.0.", "The licence “%s” cannot be used here. Choose CC0 1.0 or CC BY 4.0."},
		MsgCheckAccessRights:        {"Ange gärna åtkomsträttigheter. Öppna data är oftast ”Publik”.", "Consider setting the access rights. Open data is usually “Public”."},
		MsgCheckAccessRightsUnknown: {"Åtkomsträttigheten ”%s” finns inte i listan. Välj Publik, Begränsad eller Ej offentlig.", "The access right “%s” is not in the list. Choose Public, Restricted or Non-public."},
		MsgCheckFrequency:           {"Ange gärna hur ofta datamängden uppdateras, så att användare vet när de ska hämta nya data.", "Consider stating how often the dataset is updated, so that users know when to fetch new data."},
		MsgCheckFrequencyUnknown:    {"Uppdateringsfrekvensen ”%s” finns inte i EU:s lista. Välj en frekvens i listan.", "The update frequency “%s” is not in the EU list. Choose a frequency from the list."},
		MsgCheckTemporal:            {"Ange gärna vilken tidsperiod uppgifterna gäller, med ett start- eller slutdatum.", "Consider giving the period the data covers, with a start or end date."},
		MsgCheckDate:                {"”%s” är inget datum. Skriv datumet som år-månad-dag, till exempel 2025-06-30.", "“%s” is not a date. Write the date as year-month-day, for example 2025-06-30."},
		MsgCheckTemporalOrder:       {"Slutdatumet ligger före startdatumet. Byt plats på dem eller rätta det ena.", "The end date is before the start date. Swap them or correct one of them."},
		MsgCheckSpatial:             {"Ange gärna vilket område uppgifterna gäller, med en länk till platsen, till exempel på geonames.org.", "Consider giving the area the data covers, with a link to the place, for example on geonames.org."},
		MsgCheckSpatialFormat:       {"Området ”%s” är ingen webbadress. Skriv hela webbadressen, som börjar med https://, till exempel https://sws.geonames.org/2670781/.", "The area “%s” is not a web address. Enter a full address starting with https://, for example https://sws.geonames.org/2670781/."},
		MsgCheckLandingPage:         {"Webbsidan ”%s” går inte att använda. Skriv hela webbadressen, som börjar med https://, eller lämna fältet tomt så används datamängdens sida här.", "The web page “%s” cannot be used. Enter a full address starting with https://, or leave the field empty to use the dataset's page here."},
		MsgCheckHVDUnknown:          {"Kategorin ”%s” är inte en av de sex kategorierna för värdefulla datamängder. Välj en kategori i listan.", "The category “%s” is not one of the six high-value dataset categories. Choose a category from the list."},
		MsgCheckHVDAccess:           {"En värdefull datamängd ska vara fri för alla att använda. Sätt åtkomsträttigheten till Publik, eller ta bort kategorin för värdefulla datamängder.", "A high-value dataset must be free for anyone to use. Set the access right to Public, or remove the high-value category."},
		MsgCheckNoDistributions:     {"Datamängden har inga resurser än. Ladda upp en fil eller lägg till en länk, så att det finns data att hämta.", "The dataset has no resources yet. Upload a file or add a link, so that there is data to fetch."},
		MsgCheckDistTitle:           {"Ge resursen ett namn på svenska, till exempel ”Vattenprover 2025 (CSV)”.", "Give the resource a name in Swedish, for example “Water samples 2025 (CSV)”."},
		MsgCheckDistDescription:     {"Beskriv gärna resursen kort: vad filen eller länken innehåller.", "Consider describing the resource briefly: what the file or link contains."},
		MsgCheckDistURL:             {"Länken ”%s” går inte att använda. Skriv hela webbadressen, som börjar med https://.", "The link “%s” cannot be used. Enter a full address starting with https://."},
		MsgCheckDistFile:            {"Resursen har ingen fil än. Ladda upp filen eller ta bort resursen.", "The resource has no file yet. Upload the file or remove the resource."},
		MsgCheckDistKind:            {"Resursen ”%s” är varken en fil eller en länk. Ta bort den och lägg till den igen.", "The resource “%s” is neither a file nor a link. Remove it and add it again."},
		MsgCheckDistFormat:          {"Välj resursens format, till exempel CSV eller JSON.", "Choose the resource's format, for example CSV or JSON."},
		MsgCheckDistFormatUnknown:   {"Formatet ”%s” känns inte igen. Välj ett format i listan.", "The format “%s” is not recognised. Choose a format from the list."},
	}
}
