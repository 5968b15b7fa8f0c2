package followup

// The Sustainable Web Design model, version 4 (SWD v4), as published by
// the Green Web Foundation and Wholegrain Digital (sustainablewebdesign.org,
// "Estimating Digital Emissions", 2024) and implemented in the Green Web
// Foundation's CO2.js (constants SWDV4). It estimates the energy of moving
// data as kilowatt-hours per gigabyte (10⁹ bytes) for three segments —
// data centres, networks and user devices — each with an operational part
// (running them) and an embodied part (making them), and multiplies the
// energy by the carbon intensity of the electricity grid. Språnget
// measures the bytes it really sends (compressed, with what browsers
// cache left out), so the model's caching assumptions are not applied,
// and it uses one grid intensity, the configured Swedish one, for every
// segment.

// The SWD v4 energy intensities, in kWh per GB transferred.
const (
	SWDOperationalDataCentre = 0.055
	SWDOperationalNetwork    = 0.059
	SWDOperationalDevice     = 0.080
	SWDEmbodiedDataCentre    = 0.012
	SWDEmbodiedNetwork       = 0.013
	SWDEmbodiedDevice        = 0.081
)

// SWDKWhPerGB is the model's total energy per GB transferred: the six
// intensities together (0.3 kWh/GB).
const SWDKWhPerGB = SWDOperationalDataCentre + SWDOperationalNetwork + SWDOperationalDevice +
	SWDEmbodiedDataCentre + SWDEmbodiedNetwork + SWDEmbodiedDevice

// bytesPerGB is the model's gigabyte: decimal, as for data transfer.
const bytesPerGB = 1e9

// SWDGrams returns the grams of CO₂e of transferring bytes by SWD v4 with
// a grid of gridIntensity grams CO₂e per kWh.
func SWDGrams(bytes, gridIntensity float64) float64 {
	return bytes / bytesPerGB * SWDKWhPerGB * gridIntensity
}

// The default factors of the sustainability indicators, documented in the
// README with their SPRANG_FOLLOWUP_* variables.
const (
	// DefaultGridIntensity is Sweden's electricity grid, grams CO₂e per
	// kWh: the order of recent yearly life-cycle averages (roughly 30–45
	// g/kWh); set your own figure.
	DefaultGridIntensity = 40.0
	// DefaultSheetsPerErrand is the paper of an errand on paper: the form,
	// an attachment or copy, and the decision.
	DefaultSheetsPerErrand = 4.0
	// DefaultLettersPerErrand is the letters of an errand on paper: the
	// decision sent by post.
	DefaultLettersPerErrand = 1.0
	// DefaultKmPerMeeting is the travel, there and back, a digital meeting
	// avoids across a municipality.
	DefaultKmPerMeeting = 20.0
	// DefaultGramsPerKm is the emissions of that travel by car, grams
	// CO₂e per km.
	DefaultGramsPerKm = 120.0
)

// DefaultFactors returns the factors used where none are configured.
func DefaultFactors() Factors {
	return Factors{GridIntensity: DefaultGridIntensity, SheetsPerErrand: DefaultSheetsPerErrand,
		LettersPerErrand: DefaultLettersPerErrand, KmPerMeeting: DefaultKmPerMeeting, GramsPerKm: DefaultGramsPerKm}
}

// OrDefault returns f with every zero factor replaced by its default.
func (f Factors) OrDefault() Factors {
	d := DefaultFactors()
	pick := func(x, def float64) float64 {
		if x == 0 {
			return def
		}
		return x
	}
	return Factors{GridIntensity: pick(f.GridIntensity, d.GridIntensity), SheetsPerErrand: pick(f.SheetsPerErrand, d.SheetsPerErrand),
		LettersPerErrand: pick(f.LettersPerErrand, d.LettersPerErrand), KmPerMeeting: pick(f.KmPerMeeting, d.KmPerMeeting),
		GramsPerKm: pick(f.GramsPerKm, d.GramsPerKm)}
}
