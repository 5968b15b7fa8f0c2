package demo

import (
	"sprang/internal/opendata"
)

// The high-value dataset category of the air-quality measurements:
// earth observation and environment.
const hvdEnvironment = "http://data.europa.eu/bna/c_dd313021"

// csvDist returns the metadata of a CSV distribution.
func csvDist(titleSV, titleEN, descSV, descEN string) opendata.Distribution {
	return opendata.Distribution{TitleSV: titleSV, TitleEN: titleEN, DescriptionSV: descSV, DescriptionEN: descEN}
}

// utf8CSV is the format of most demo files: UTF-8 without BOM, CRLF.
var utf8CSV = csvFormat{crlf: true}

// demoDatasets returns the open data demo, in the order it is seeded.
func demoDatasets() []demoDataset {
	return []demoDataset{
		playgroundsDataset(), beachesDataset(), waterSamplesDataset(), wasteDataset(), preschoolsDataset(),
		meetingsDataset(), airQualityDataset(), keyFiguresDataset(), chargersDataset(), housingDataset(),
	}
}

func playgroundsDataset() demoDataset {
	return demoDataset{
		unit: "samhallsbyggnad",
		meta: opendata.Dataset{
			Slug:    "lekplatser",
			TitleSV: "Lekplatser",
			TitleEN: "Playgrounds",
			DescriptionSV: "Kommunens allmänna lekplatser med namn, gatuadress, område och läge (latitud och longitud i WGS 84), " +
				"vilken utrustning som finns, hur tillgänglig lekplatsen är och när den senast besiktades.\n\n" +
				"Lekplatserna besiktas varje år enligt standarden för lekredskap. Samma uppgifter finns som GeoJSON för kartor.",
			DescriptionEN: "The municipality's public playgrounds with name, address, area and location (latitude and longitude " +
				"in WGS 84), their equipment, how accessible they are and when they were last inspected.\n\n" +
				"The playgrounds are inspected every year. The same data is available as GeoJSON for maps.",
			ContactName:   "Samhällsbyggnadsförvaltningen, gata och park",
			ContactEmail:  "gatapark@kommun.example.se",
			Keywords:      []string{"lekplatser", "parker", "barn", "tillgänglighet", "friluftsliv"},
			KeywordsEN:    []string{"playgrounds", "parks", "children", "accessibility", "outdoor life"},
			Themes:        []string{themeBase + "EDUC", themeBase + "REGI"},
			Licence:       opendata.LicenceCC0,
			Frequency:     freqBase + "ANNUAL",
			TemporalStart: "2026-04-15",
			TemporalEnd:   "2026-09-30",
			Spatial:       ornskoldsvik,
		},
		files: []demoFile{
			{dist: csvDist("Lekplatser (CSV)", "Playgrounds (CSV)",
				"En rad per lekplats. Semikolon mellan fälten, decimalkomma, UTF-8 med BOM.",
				"One row per playground. Semicolons between fields, decimal commas, UTF-8 with BOM."),
				name: "lekplatser.csv", mediaType: "text/csv",
				versions: []func() ([]byte, error){csvVersion(playgroundRows, csvFormat{bom: true, crlf: true})}},
			{dist: csvDist("Lekplatser (GeoJSON)", "Playgrounds (GeoJSON)",
				"Lekplatserna som punkter i WGS 84, för kartor och GIS.",
				"The playgrounds as points in WGS 84, for maps and GIS."),
				name: "lekplatser.geojson", mediaType: "application/geo+json",
				versions: []func() ([]byte, error){playgroundGeoJSON}},
		},
		links: []opendata.Distribution{{
			TitleSV: "Lekplatskartan", TitleEN: "Playground map",
			DescriptionSV: "Karta över kommunens lekplatser på kommunens webbplats.",
			DescriptionEN: "Map of the municipality's playgrounds on its website.",
			URL:           "https://karta.kommun.example.se/lekplatser", Format: "HTML", MediaType: "text/html",
		}},
	}
}

func beachesDataset() demoDataset {
	return demoDataset{
		unit: "kultur-fritid",
		meta: opendata.Dataset{
			Slug:    "badplatser",
			TitleSV: "Badplatser",
			TitleEN: "Bathing sites",
			DescriptionSV: "Kommunens allmänna badplatser vid sjöar och hav med läge (latitud och longitud i WGS 84) och " +
				"vad som finns på platsen: brygga, toalett, tillgänglighetsanpassning och hundbad.\n\n" +
				"Vattenkvaliteten vid badplatserna finns i datamängden Badvattenprover.",
			DescriptionEN: "The municipality's public bathing sites at lakes and the sea with their location (latitude and " +
				"longitude in WGS 84) and what they offer: jetty, toilet, accessibility and dog bathing.\n\n" +
				"The water quality at the sites is in the dataset Bathing water samples.",
			ContactName:   "Kultur- och fritidsförvaltningen",
			ContactEmail:  "fritid@kommun.example.se",
			Keywords:      []string{"badplatser", "bad", "friluftsliv", "sommar"},
			KeywordsEN:    []string{"bathing sites", "swimming", "outdoor life", "summer"},
			Themes:        []string{themeBase + "EDUC", themeBase + "ENVI"},
			Licence:       opendata.LicenceCC0,
			Frequency:     freqBase + "ANNUAL",
			TemporalStart: "2025-01-01",
			Spatial:       ornskoldsvik,
		},
		files: []demoFile{{dist: csvDist("Badplatser (CSV)", "Bathing sites (CSV)",
			"En rad per badplats. Semikolon mellan fälten, decimalkomma, UTF-8.",
			"One row per bathing site. Semicolons between fields, decimal commas, UTF-8."),
			name: "badplatser.csv", mediaType: "text/csv", versions: []func() ([]byte, error){csvVersion(beachRows, utf8CSV)}}},
	}
}

func waterSamplesDataset() demoDataset {
	return demoDataset{
		unit: "samhallsbyggnad",
		meta: opendata.Dataset{
			Slug:    "badvattenprover",
			TitleSV: "Badvattenprover",
			TitleEN: "Bathing water samples",
			DescriptionSV: "Provsvar från kommunens badplatser somrarna 2023–2025: halten av E. coli och intestinala " +
				"enterokocker, vattentemperaturen och bedömningen av varje prov (tjänligt, tjänligt med anmärkning eller otjänligt).\n\n" +
				"Hur proven tas och bedöms står i provtagningsprogrammet (PDF).",
			DescriptionEN: "Results of the samples taken at the municipality's bathing sites in the summers of 2023–2025: " +
				"E. coli and intestinal enterococci, the water temperature and the assessment of every sample.\n\n" +
				"How samples are taken and assessed is described in the sampling programme (PDF, in Swedish).",
			ContactName:   "Miljö- och hälsoskyddsenheten",
			ContactEmail:  "miljo@kommun.example.se",
			Keywords:      []string{"badvatten", "vattenkvalitet", "E. coli", "enterokocker", "miljöövervakning"},
			KeywordsEN:    []string{"bathing water", "water quality", "E. coli", "enterococci", "environmental monitoring"},
			Themes:        []string{themeBase + "ENVI", themeBase + "HEAL"},
			Licence:       opendata.LicenceCC0,
			Frequency:     freqBase + "ANNUAL",
			TemporalStart: "2023-06-01",
			TemporalEnd:   "2025-08-31",
			Spatial:       ornskoldsvik,
		},
		files: []demoFile{
			{dist: csvDist("Badvattenprover 2023–2025 (CSV)", "Bathing water samples 2023–2025 (CSV)",
				"En rad per prov. Semikolon mellan fälten, decimalkomma, UTF-8.",
				"One row per sample. Semicolons between fields, decimal commas, UTF-8."),
				name: "vattenprover.csv", mediaType: "text/csv",
				versions: []func() ([]byte, error){csvVersion(waterSampleRows, utf8CSV)}},
			{dist: csvDist("Provtagningsprogram för badvatten (PDF)", "Sampling programme for bathing water (PDF)",
				"Hur och när proven tas och gränserna för bedömningen.",
				"How and when the samples are taken and the limits of the assessment (in Swedish)."),
				name: "provtagningsprogram-badvatten.pdf", mediaType: "application/pdf",
				versions: []func() ([]byte, error){samplingProgramme}},
		},
	}
}

func wasteDataset() demoDataset {
	return demoDataset{
		unit: "avfall",
		meta: opendata.Dataset{
			Slug:    "avfallsmangder-per-ar",
			TitleSV: "Insamlat avfall per år och fraktion",
			TitleEN: "Collected waste per year and fraction",
			DescriptionSV: "Hur mycket hushållsavfall Miva har samlat in i kommunen varje år sedan 2015, per fraktion, " +
				"i ton och i kilo per invånare.\n\n" +
				"Första versionen av filen slutade med 2024 och hade en preliminär siffra för trädgårdsavfall det året. " +
				"Den andra versionen lägger till 2025 och rättar siffran. Båda versionerna finns kvar.",
			DescriptionEN: "How much household waste Miva has collected in the municipality every year since 2015, per " +
				"fraction, in tonnes and in kilograms per inhabitant.\n\n" +
				"The first version of the file ended with 2024 and had a preliminary figure for garden waste that year. " +
				"The second adds 2025 and corrects it. Both versions are kept.",
			ContactName:   "Miva kundservice",
			ContactEmail:  "kundservice@miva.example.se",
			Keywords:      []string{"avfall", "sophämtning", "återvinning", "matavfall", "förpackningar"},
			KeywordsEN:    []string{"waste", "refuse collection", "recycling", "food waste", "packaging"},
			Themes:        []string{themeBase + "ENVI"},
			Licence:       opendata.LicenceCC0,
			Frequency:     freqBase + "ANNUAL",
			TemporalStart: "2015-01-01",
			TemporalEnd:   "2025-12-31",
			Spatial:       ornskoldsvik,
		},
		files: []demoFile{{dist: csvDist("Insamlat avfall 2015–2025 (CSV)", "Collected waste 2015–2025 (CSV)",
			"En rad per år och fraktion. Semikolon mellan fälten, decimalkomma. Version 1 är en Excel-export i Windows-1252.",
			"One row per year and fraction. Semicolons between fields, decimal commas. Version 1 is an Excel export in Windows-1252."),
			name: "avfallsmangder.csv", mediaType: "text/csv",
			versions: []func() ([]byte, error){
				csvVersion(wasteRows(2024), csvFormat{windows1252: true, crlf: true}),
				csvVersion(wasteRows(2025), utf8CSV),
			}}},
	}
}

func preschoolsDataset() demoDataset {
	return demoDataset{
		unit: "barn-utbildning",
		meta: opendata.Dataset{
			Slug:    "forskolor",
			TitleSV: "Förskolor",
			TitleEN: "Preschools",
			DescriptionSV: "Förskolorna i kommunen, kommunala och enskilda: namn, område, gatuadress, läge (latitud och " +
				"longitud i WGS 84), antal platser, huvudman och öppettider.",
			DescriptionEN: "The preschools in the municipality, municipal and independent: name, area, address, location " +
				"(latitude and longitude in WGS 84), places, operator and opening hours.",
			ContactName:   "Barn- och utbildningsförvaltningen, förskoleantagningen",
			ContactEmail:  "forskola@kommun.example.se",
			Keywords:      []string{"förskolor", "förskola", "barnomsorg", "skolval"},
			KeywordsEN:    []string{"preschools", "preschool", "childcare", "school choice"},
			Themes:        []string{themeBase + "EDUC"},
			Licence:       opendata.LicenceCC0,
			Frequency:     freqBase + "QUARTERLY",
			TemporalStart: "2026-01-01",
			Spatial:       ornskoldsvik,
		},
		files: []demoFile{{dist: csvDist("Förskolor (CSV)", "Preschools (CSV)",
			"En rad per förskola. Semikolon mellan fälten, decimalkomma, Windows-1252 (en export från Excel).",
			"One row per preschool. Semicolons between fields, decimal commas, Windows-1252 (an Excel export)."),
			name: "forskolor.csv", mediaType: "text/csv",
			versions: []func() ([]byte, error){csvVersion(preschoolRows, csvFormat{windows1252: true, crlf: true})}}},
	}
}

func meetingsDataset() demoDataset {
	return demoDataset{
		unit: "kommunledning",
		meta: opendata.Dataset{
			Slug:    "politiska-sammantraden",
			TitleSV: "Politiska sammanträden",
			TitleEN: "Political meetings",
			DescriptionSV: "När och var kommunfullmäktige, kommunstyrelsen och nämnderna sammanträder 2025 och 2026, " +
				"med en länk till varje mötes föredragningslista. Kommunfullmäktiges sammanträden är öppna för alla.",
			DescriptionEN: "When and where the municipal council, the executive board and the committees meet in 2025 and " +
				"2026, with a link to each meeting's agenda. The council's meetings are open to everyone.",
			ContactName:   "Kommunledningsförvaltningen, kansliet",
			ContactEmail:  "kansliet@kommun.example.se",
			Keywords:      []string{"sammanträden", "kommunfullmäktige", "nämnder", "politik", "demokrati"},
			KeywordsEN:    []string{"meetings", "municipal council", "committees", "politics", "democracy"},
			Themes:        []string{themeBase + "GOVE"},
			Licence:       opendata.LicenceCC0,
			Frequency:     freqBase + "MONTHLY",
			TemporalStart: "2025-01-01",
			TemporalEnd:   "2026-12-31",
			Spatial:       ornskoldsvik,
		},
		files: []demoFile{{dist: csvDist("Sammanträden 2025–2026 (CSV)", "Meetings 2025–2026 (CSV)",
			"En rad per sammanträde. Semikolon mellan fälten, UTF-8.",
			"One row per meeting. Semicolons between fields, UTF-8."),
			name: "sammantraden.csv", mediaType: "text/csv",
			versions: []func() ([]byte, error){csvVersion(meetingRows, csvFormat{})}}},
	}
}

func airQualityDataset() demoDataset {
	return demoDataset{
		unit: "samhallsbyggnad",
		meta: opendata.Dataset{
			Slug:    "luftkvalitet-timvarden-2025",
			TitleSV: "Luftkvalitet, timvärden 2025",
			TitleEN: "Air quality, hourly values 2025",
			DescriptionSV: "Timmedelvärden av partiklar (PM10 och PM2.5) och kvävedioxid (NO2) i mikrogram per kubikmeter " +
				"vid kommunens tre mätstationer under 2025: Centrum (Torggatan, gaturum), Domsjö och Gullänget (urban bakgrund). " +
				"Tiden är svensk lokal tid.\n\n" +
				"Tomma värden betyder att instrumentet kalibrerades. Detta är ett värdefullt dataset enligt EU:s " +
				"genomförandeförordning (EU) 2023/138, kategorin jordobservation och miljö.",
			DescriptionEN: "Hourly means of particulate matter (PM10 and PM2.5) and nitrogen dioxide (NO2) in micrograms per " +
				"cubic metre at the municipality's three measuring stations in 2025: Centrum (Torggatan, street canyon), " +
				"Domsjö and Gullänget (urban background). Times are Swedish local time.\n\n" +
				"Empty values mean the instrument was being calibrated. This is a high-value dataset under Implementing " +
				"Regulation (EU) 2023/138, category earth observation and environment.",
			ContactName:   "Miljö- och hälsoskyddsenheten",
			ContactEmail:  "miljo@kommun.example.se",
			Keywords:      []string{"luftkvalitet", "partiklar", "kvävedioxid", "PM10", "miljöövervakning"},
			KeywordsEN:    []string{"air quality", "particulate matter", "nitrogen dioxide", "PM10", "environmental monitoring"},
			Themes:        []string{themeBase + "ENVI", themeBase + "HEAL"},
			Licence:       opendata.LicenceCC0,
			Frequency:     freqBase + "ANNUAL",
			TemporalStart: "2025-01-01",
			TemporalEnd:   "2025-12-31",
			Spatial:       ornskoldsvik,
			HVDCategories: []string{hvdEnvironment},
		},
		files: []demoFile{{dist: opendata.Distribution{
			TitleSV: "Luftkvalitet, timvärden 2025 (CSV)", TitleEN: "Air quality, hourly values 2025 (CSV)",
			DescriptionSV: "En rad per station och timme. Semikolon mellan fälten, decimalkomma, UTF-8.",
			DescriptionEN: "One row per station and hour. Semicolons between fields, decimal commas, UTF-8.",
			Licence:       opendata.LicenceCC0},
			name: "luftkvalitet-2025.csv", mediaType: "text/csv",
			versions: []func() ([]byte, error){csvVersion(airQualityRows, csvFormat{})}}},
	}
}

func keyFiguresDataset() demoDataset {
	return demoDataset{
		unit: "kommunledning",
		meta: opendata.Dataset{
			Slug:    "kommunens-nyckeltal",
			TitleSV: "Kommunens nyckeltal 2015–2025",
			TitleEN: "Key figures of the municipality 2015–2025",
			DescriptionSV: "Tio nyckeltal om kommunen år för år sedan 2015: befolkning, ekonomi, skola, förskola, " +
				"kollektivtrafik, digitala ärenden, bostadsbyggande och avfall, i samma form som kommunens årsredovisning.\n\n" +
				"Nyckeltalen får användas fritt om källan anges (CC BY 4.0).",
			DescriptionEN: "Ten key figures of the municipality year by year since 2015: population, finances, school, " +
				"preschool, public transport, digital errands, housing and waste, as in the municipality's annual report.\n\n" +
				"The figures may be used freely if the source is credited (CC BY 4.0).",
			ContactName:   "Kommunledningsförvaltningen, ekonomi och statistik",
			ContactEmail:  "statistik@kommun.example.se",
			Keywords:      []string{"nyckeltal", "statistik", "befolkning", "ekonomi", "årsredovisning"},
			KeywordsEN:    []string{"key figures", "statistics", "population", "finances", "annual report"},
			Themes:        []string{themeBase + "GOVE", themeBase + "ECON", themeBase + "SOCI"},
			Licence:       opendata.LicenceCCBY40,
			Frequency:     freqBase + "ANNUAL",
			TemporalStart: "2015-01-01",
			TemporalEnd:   "2025-12-31",
			Spatial:       ornskoldsvik,
		},
		files: []demoFile{{dist: csvDist("Nyckeltal 2015–2025 (CSV)", "Key figures 2015–2025 (CSV)",
			"En rad per år och nyckeltal. Semikolon mellan fälten, decimalkomma, UTF-8.",
			"One row per year and figure. Semicolons between fields, decimal commas, UTF-8."),
			name: "nyckeltal.csv", mediaType: "text/csv", versions: []func() ([]byte, error){csvVersion(keyFigureRows, utf8CSV)}}},
	}
}

func chargersDataset() demoDataset {
	return demoDataset{
		unit: "energi",
		meta: opendata.Dataset{
			Slug:    "laddplatser-elbil",
			TitleSV: "Laddplatser för elbil",
			TitleEN: "Charging points for electric cars",
			DescriptionSV: "Övik Energi AB:s publika laddplatser för elbil: läge (latitud och longitud i WGS 84), antal " +
				"laddpunkter, högsta effekt och om platsen har snabbladdning.",
			DescriptionEN: "Övik Energi's public charging sites for electric cars: location (latitude and longitude in " +
				"WGS 84), number of charging points, maximum power and whether the site offers fast charging.",
			ContactName:   "Övik Energi kundservice",
			ContactEmail:  "kundservice@ovikenergi.example.se",
			Keywords:      []string{"laddplatser", "elbil", "laddning", "elektromobilitet"},
			KeywordsEN:    []string{"charging points", "electric car", "charging", "e-mobility"},
			Themes:        []string{themeBase + "ENER", themeBase + "TRAN"},
			Licence:       opendata.LicenceCC0,
			Frequency:     freqBase + "MONTHLY",
			TemporalStart: "2026-01-01",
			Spatial:       ornskoldsvik,
		},
		files: []demoFile{{dist: csvDist("Laddplatser (CSV)", "Charging sites (CSV)",
			"En rad per laddplats. Semikolon mellan fälten, decimalkomma, UTF-8.",
			"One row per charging site. Semicolons between fields, decimal commas, UTF-8."),
			name: "laddplatser.csv", mediaType: "text/csv", versions: []func() ([]byte, error){csvVersion(chargerRows, utf8CSV)}}},
	}
}

func housingDataset() demoDataset {
	return demoDataset{
		unit: "bostader",
		meta: opendata.Dataset{
			Slug:    "ovikshem-lagenheter-per-omrade",
			TitleSV: "Övikshems lägenheter per område",
			TitleEN: "Övikshem's flats per area",
			DescriptionSV: "Hur många hyreslägenheter Övikshem har i varje område, fördelade på storlek, medelhyran " +
				"i kronor per kvadratmeter och år, och hur många som är tillgänglighetsanpassade.",
			DescriptionEN: "How many rental flats Övikshem has in each area, by size, the mean rent in kronor per square " +
				"metre and year, and how many are adapted for accessibility.",
			ContactName:   "Övikshem uthyrning",
			ContactEmail:  "uthyrning@ovikshem.example.se",
			Keywords:      []string{"hyreslägenheter", "bostäder", "hyror", "tillgänglighet"},
			KeywordsEN:    []string{"rental flats", "housing", "rents", "accessibility"},
			Themes:        []string{themeBase + "SOCI", themeBase + "ECON"},
			Licence:       opendata.LicenceCC0,
			Frequency:     freqBase + "ANNUAL",
			TemporalStart: "2026-01-01",
			TemporalEnd:   "2026-12-31",
			Spatial:       ornskoldsvik,
		},
		files: []demoFile{{dist: csvDist("Lägenheter per område (CSV)", "Flats per area (CSV)",
			"En rad per område. Semikolon mellan fälten, decimalkomma, UTF-8.",
			"One row per area. Semicolons between fields, decimal commas, UTF-8."),
			name: "lagenheter-per-omrade.csv", mediaType: "text/csv", versions: []func() ([]byte, error){csvVersion(housingRows, utf8CSV)}}},
	}
}
