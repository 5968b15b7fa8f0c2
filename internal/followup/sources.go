package followup

import (
	"context"
	"time"
)

// Sources are the modules the computed indicators read, through
// interfaces declared here and implemented in cmd/sprang by adapters over
// the store. A nil source is a module that does not exist (yet): every
// indicator computed from it is not known, with Reason NoSourceModule,
// never zero.
type Sources struct {
	Errands    ErrandSource     // e-services and errands
	OpenData   OpenDataSource   // the open data portal
	Platform   PlatformSource   // the platform's own page views and their weight
	Ideas      IdeaSource       // the idea portal; nil until it exists
	Values     ValueSource      // manual and imported values (the store)
	Portfolio  PortfolioSource  // the initiative portfolio
	Maturity   MaturitySource   // the maturity self-assessments
	Competence CompetenceSource // the DigComp self-assessments
	Factors    Factors          // the configurable sustainability factors
}

// Grouping says what one row of ErrandSource.ErrandFigures covers.
type Grouping int

// The groupings of ErrandFigures.
const (
	PerService Grouping = iota // one row per service and owning unit
	PerUnit                    // one row per unit, its services together
	InTotal                    // one row for everything asked for
)

// Channel names as the errand figures count them.
const (
	ChannelDigital = "digital" // through the e-service
	ChannelPaper   = "paper"   // a paper form
	ChannelPhone   = "phone"
	ChannelVisit   = "visit"
	ChannelLetter  = "letter"
)

// ErrandQuery selects errand figures: the errands of the units (a unit
// and its sub-units, resolved by the caller) in [From, To).
type ErrandQuery struct {
	UnitIDs  []int64
	From, To time.Time
	Group    Grouping
}

// ErrandFigures are the figures of one service, unit or everything over
// a period: errands by the time they arrived, decisions and lead times by
// the time of the decision, overdue at the period's end (now, for a
// period not yet over).
type ErrandFigures struct {
	ServiceID  int64 // 0 unless PerService
	UnitID     int64 // 0 when InTotal
	Service    Text  // the service's title when PerService
	Errands    int
	ByChannel  map[string]int // errands per channel (the Channel names); every channel present
	Decided    int
	LeadMedian time.Duration // of the decisions; 0 when none
	LeadP90    time.Duration
	Overdue    int
}

// Service is an e-service as the follow-up counts it.
type Service struct {
	ID          int64
	UnitID      int64 // the owning unit
	Title       Text
	PublishedAt time.Time // first published; zero if never
}

// ErrandSource reads the e-services and their errands.
type ErrandSource interface {
	// ErrandFigures returns the figures q asks for; none when q names no
	// units.
	ErrandFigures(ctx context.Context, q ErrandQuery) ([]ErrandFigures, error)
	// Services returns every e-service, published or not.
	Services(ctx context.Context) ([]Service, error)
}

// Dataset is an open dataset as the follow-up counts it.
type Dataset struct {
	UnitID      int64     // the publishing unit
	PublishedAt time.Time // when first published; zero for a draft
	Withdrawn   bool
	// HVDCategories are the high-value categories (of the six of (EU)
	// 2023/138) it belongs to, as IRIs; none for an ordinary dataset.
	HVDCategories []string
}

// OpenDataSource reads the open data portal.
type OpenDataSource interface {
	// Datasets returns every dataset, drafts included.
	Datasets(ctx context.Context) ([]Dataset, error)
	// APICalls returns how many API calls were answered in [from, to).
	APICalls(ctx context.Context, from, to time.Time) (int64, error)
}

// PageViews are the platform's HTML page views over a period and the
// bytes they took: the pages and the files they loaded, as sent
// (compressed), per page view.
type PageViews struct {
	Views int64
	Bytes int64
}

// PlatformSource reads the platform's own footprint.
type PlatformSource interface {
	// PageViews returns the page views of [from, to).
	PageViews(ctx context.Context, from, to time.Time) (PageViews, error)
}

// IdeaSource reads the idea portal: ideas per stage.
type IdeaSource interface {
	// IdeaStages returns how many ideas of the units are in each stage at
	// the end of [from, to).
	IdeaStages(ctx context.Context, unitIDs []int64, from, to time.Time) (map[string]int, error)
}

// ValueSource reads the values entered by hand or imported.
type ValueSource interface {
	// StoredValues returns the stored values of the indicator for the
	// units (0 = the group as a whole) and periods, Known, with their
	// source and comment; a unit and period without one is left out.
	StoredValues(ctx context.Context, indicator string, unitIDs []int64, periods []Period) ([]Value, error)
}

// PortfolioSource reads the initiative portfolio.
type PortfolioSource interface {
	// InitiativeStatuses counts the initiatives that the units own or take
	// part in, per status, as they stood at the end of [from, to).
	InitiativeStatuses(ctx context.Context, unitIDs []int64, from, to time.Time) (map[InitiativeStatus]int, error)
	// RealizedBenefits returns how many realized benefits were recorded in
	// [from, to) for initiatives the units own, and the sum of those
	// valued in kronor per year.
	RealizedBenefits(ctx context.Context, unitIDs []int64, from, to time.Time) (count int, sekPerYear float64, err error)
}

// MaturitySource reads the maturity self-assessments.
type MaturitySource interface {
	// MaturityScores returns the submitted assessments of year for the
	// units, one per unit that has one.
	MaturityScores(ctx context.Context, unitIDs []int64, year int) ([]MaturityScore, error)
}

// MaturityScore is one unit's maturity in a year, as percentages 0–100:
// digital capability, digital heritage and their mean.
type MaturityScore struct {
	UnitID     int64
	Year       int
	Capability float64
	Heritage   float64
	Total      float64
}

// CompetenceSource reads the DigComp self-assessments.
type CompetenceSource interface {
	// CompetenceSummary returns the respondents of year in the units and
	// their mean level over every competence (1–8). The caller hides it
	// when Respondents < MinGroup.
	CompetenceSummary(ctx context.Context, unitIDs []int64, year int) (CompetenceSummary, error)
}

// CompetenceSummary is an aggregate of self-assessments.
type CompetenceSummary struct {
	Respondents int
	MeanLevel   float64 // 1–8; 0 when nobody answered
}

// Factors are the configurable factors of the sustainability indicators,
// shown with their figures. The zero value means DefaultFactors.
type Factors struct {
	// GridIntensity is the carbon intensity of the electricity grid, in
	// grams CO₂e per kWh (Sweden's average by default).
	GridIntensity float64
	// SheetsPerErrand is the paper sheets an errand on paper uses (form,
	// copies, decision).
	SheetsPerErrand float64
	// LettersPerErrand is the letters sent per errand handled on paper.
	LettersPerErrand float64
	// KmPerMeeting is the travel a digital meeting avoids, in kilometres.
	KmPerMeeting float64
	// GramsPerKm is the emissions of that travel, grams CO₂e per km.
	GramsPerKm float64
}
