package followup

import (
	"context"
	"errors"
	"time"
)

// The yearly follow-up report (uppföljningsrapport): for a year, per
// perspective the indicators against their targets, the initiatives with
// the benefits realized in the year, the maturity and competence
// summaries, the list of where digitalization is not used fully, and the
// narratives the development department writes. Build assembles it from
// ReportSources; an issued report is a Report frozen as JSON, so it never
// changes when the data it was built from does.

// ReportSources is what a report is built from. Each method returns
// ErrNotAvailable when the module it reads does not exist (yet): that
// part of the report then says so instead of showing nothing. The
// methods return the report's own types, so that the report depends on
// the other parts of the follow-up only through this interface (the web
// side implements it over the store and the engine).
type ReportSources interface {
	// ReportIndicators returns every indicator with its value for the
	// group as a whole in year and in the year before, in the order the
	// dashboard shows them.
	ReportIndicators(ctx context.Context, year int) ([]IndicatorYear, error)
	// ReportInitiatives returns every initiative of the portfolio with
	// all its realized benefits (Build keeps those of the year).
	ReportInitiatives(ctx context.Context, year int) ([]ReportInitiative, error)
	// ReportMaturity returns the submitted maturity assessments of year,
	// one per unit that has one.
	ReportMaturity(ctx context.Context, year int) ([]MaturityScore, error)
	// ReportCompetence returns the DigComp self-assessments of year for
	// the group as a whole, one row per area.
	ReportCompetence(ctx context.Context, year int) ([]ReportArea, error)
	// ReportFindings returns where digitalization was not used fully in
	// year, with the figures behind each finding in words.
	ReportFindings(ctx context.Context, year int) ([]ReportFinding, error)
	// ReportUnits returns the name of every unit by id.
	ReportUnits(ctx context.Context) (map[int64]Text, error)
}

// ErrNotAvailable is returned by a ReportSources method whose module does
// not exist yet.
var ErrNotAvailable = errors.New("followup: not available yet")

// IndicatorYear is an indicator with its values for the group as a whole
// in a year (Value) and the year before (Previous).
type IndicatorYear struct {
	Indicator Indicator
	Value     Value
	Previous  Value
}

// Report is the follow-up report of Year as a self-contained snapshot:
// every name, figure and text it shows is in it, so that an issued report
// reads the same however the data changes later. Each part says whether
// its module was available when the report was built.
type Report struct {
	Year                int                 `json:"year"`
	BuiltAt             time.Time           `json:"built_at"`
	Narratives          Narratives          `json:"narratives"`
	IndicatorsAvailable bool                `json:"indicators_available"`
	Perspectives        []ReportPerspective `json:"perspectives"`
	Initiatives         InitiativeSummary   `json:"initiatives"`
	Maturity            MaturitySummary     `json:"maturity"`
	Competence          CompetenceOverview  `json:"competence"`
	NotUsedFully        FindingList         `json:"not_used_fully"`
}

// ReportPerspective is one perspective of the report with its indicators.
type ReportPerspective struct {
	Perspective Perspective       `json:"perspective"`
	Indicators  []ReportIndicator `json:"indicators"`
}

// ReportIndicator is one indicator as the report shows it: what it is,
// how it is measured, its value of the year against the target and the
// value of the year before.
type ReportIndicator struct {
	Key       string      `json:"key"`
	Name      Text        `json:"name"`
	Method    Text        `json:"method"`
	Measure   Measure     `json:"measure"`
	Direction Direction   `json:"direction"`
	Source    SourceKind  `json:"source"`
	Value     ReportValue `json:"value"`
	Previous  ReportValue `json:"previous"`
	HasTarget bool        `json:"has_target"`
	Target    float64     `json:"target,omitempty"`
	Status    Status      `json:"status,omitempty"`
}

// ReportValue is a figure of the report: Value when Known, else Reason
// says why there is none. Source and Comment are those of a manual or
// imported value.
type ReportValue struct {
	Known   bool    `json:"known"`
	Value   float64 `json:"value,omitempty"`
	Reason  Reason  `json:"reason,omitempty"`
	Source  string  `json:"source,omitempty"`
	Comment string  `json:"comment,omitempty"`
}

// ReportInitiative is an initiative of the portfolio as the report reads
// it. Start and End are its dates, zero when not set; Benefits are its
// realized benefits (in a Report: those of the year only).
type ReportInitiative struct {
	ID           int64            `json:"id"`
	Title        Text             `json:"title"`
	Owner        Text             `json:"owner"` // the owner unit's name
	Status       InitiativeStatus `json:"status"`
	Perspectives []Perspective    `json:"perspectives,omitempty"`
	Start        time.Time        `json:"start,omitzero"`
	End          time.Time        `json:"end,omitzero"`
	Benefits     []ReportBenefit  `json:"benefits,omitempty"`
	BenefitSEK   float64          `json:"benefit_sek,omitempty"` // the sum of Benefits' ValueSEK
}

// ReportBenefit is one realized benefit of an initiative: when it was
// recorded, what it is, its value in kronor per year (0 when not valued)
// and the indicator it moved, if any.
type ReportBenefit struct {
	Date         time.Time `json:"date"`
	Description  string    `json:"description"`
	ValueSEK     float64   `json:"value_sek,omitempty"`
	IndicatorKey string    `json:"indicator,omitempty"`
}

// InitiativeSummary is the report's part on the portfolio: the
// initiatives that were active in the year or realized a benefit in it,
// and the benefits of the year together.
type InitiativeSummary struct {
	Available  bool               `json:"available"`
	Items      []ReportInitiative `json:"items"`
	Benefits   int                `json:"benefits"`    // the realized benefits of the year
	BenefitSEK float64            `json:"benefit_sek"` // their value in kronor per year
}

// MaturitySummary is the report's part on maturity: per unit with an
// assessment, the year and the year before, and the mean over the units.
type MaturitySummary struct {
	Available  bool           `json:"available"`
	Units      []MaturityUnit `json:"units"`
	Mean       MaturityFigure `json:"mean"`
	MeanBefore MaturityFigure `json:"mean_before"`
}

// MaturityUnit is one unit's maturity in the report's year and the year
// before.
type MaturityUnit struct {
	Unit   Text           `json:"unit"`
	Year   MaturityFigure `json:"year"`
	Before MaturityFigure `json:"before"`
}

// MaturityFigure is a maturity assessment's percentages, Known when there
// is one.
type MaturityFigure struct {
	Known      bool    `json:"known"`
	Capability float64 `json:"capability,omitempty"`
	Heritage   float64 `json:"heritage,omitempty"`
	Total      float64 `json:"total,omitempty"`
}

// ReportArea is one DigComp area's self-assessments: how many answered
// and their mean level (1–8). When Suppressed (fewer than MinGroup
// answered) neither is shown, nor kept in a Report.
type ReportArea struct {
	Area        string  `json:"area"`
	Name        Text    `json:"name"`
	Respondents int     `json:"respondents,omitempty"`
	MeanLevel   float64 `json:"mean_level,omitempty"`
	Suppressed  bool    `json:"suppressed,omitempty"`
}

// CompetenceOverview is the report's part on competence: per DigComp
// area, only groups of at least MinGroup people.
type CompetenceOverview struct {
	Available bool         `json:"available"`
	MinGroup  int          `json:"min_group"`
	Areas     []ReportArea `json:"areas"`
}

// ReportFinding is one place where digitalization is not used fully: its
// kind (a high analog share, a unit without e-services, low maturity, a
// competence gap), what it is about and the figures behind it, in words.
type ReportFinding struct {
	Kind    string `json:"kind"`
	Subject Text   `json:"subject"`
	Detail  Text   `json:"detail"`
}

// FindingList is the report's "not used fully" part.
type FindingList struct {
	Available bool            `json:"available"`
	Items     []ReportFinding `json:"items"`
}

// MinReportYear and MaxReportYear bound the years a report may be of.
const (
	MinReportYear = MinYear
	MaxReportYear = MaxYear
)

// ValidReportYear reports whether a report may be of year y.
func ValidReportYear(y int) bool { return ValidYear(y) }

// YearEnded reports whether year has ended at now, in Swedish time: only
// then may its report be issued. An issued report is public and frozen,
// so issuing one for a year still running, again and again, would
// publish a series of snapshots of live figures whose differences reveal
// what single people did (a competence cell growing from 5 to 6
// answers gives the sixth person's answers by subtraction). The staff
// page of a running year shows the live draft only.
func YearEnded(year int, now time.Time) bool { return year < now.In(Location()).Year() }

// Build assembles the report of year from src with the narratives n, as
// it stands at now. A part whose source returns ErrNotAvailable (or
// ErrNotBuilt) is marked not available; any other error of a source fails
// the whole build, since a report must not silently leave a part out.
func Build(ctx context.Context, src ReportSources, year int, n Narratives, now time.Time) (Report, error) {
	r := Report{Year: year, BuiltAt: now.UTC(), Narratives: n.Normalized()}
	units, err := src.ReportUnits(ctx)
	if err != nil {
		return Report{}, err
	}
	steps := []func() error{
		func() error { return r.buildIndicators(ctx, src) },
		func() error { return r.buildInitiatives(ctx, src) },
		func() error { return r.buildMaturity(ctx, src, units) },
		func() error { return r.buildCompetence(ctx, src) },
		func() error { return r.buildFindings(ctx, src) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return Report{}, err
		}
	}
	return r, nil
}

// notAvailable reports whether err says a source does not exist yet.
func notAvailable(err error) bool {
	return errors.Is(err, ErrNotAvailable) || errors.Is(err, ErrNotBuilt)
}

// optional returns nil and ok false when err says the source is not
// available, err itself otherwise.
func optional(err error) (ok bool, _ error) {
	switch {
	case err == nil:
		return true, nil
	case notAvailable(err):
		return false, nil
	}
	return false, err
}
