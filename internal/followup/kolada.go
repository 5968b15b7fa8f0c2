package followup

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// The importer of Kolada's published JSON: the answer of Kolada's v2 API
// for values of KPIs in a municipality,
//
//	{"count": 2, "values": [{"kpi": "N00945", "municipality": "2284", "period": 2023,
//	  "values": [{"count": 1, "gender": "T", "status": "", "value": 12.3}, …]}, …]}
//
// Each entry holds one KPI's values for one year, split by gender; the
// importer takes the total (gender "T"), skips values Kolada has not got
// (null), and refuses anything else of another shape with an error that
// says what is wrong. Every value is the municipality's, so it is stored
// for the group as a whole (unit 0).

// MaxKoladaBytes is the largest Kolada file the importer reads.
const MaxKoladaBytes = 5 << 20

// KoladaRow is one figure of a Kolada file: a KPI's total for a year.
type KoladaRow struct {
	KPI          string
	Municipality string
	Year         int
	Value        float64
}

// koladaAnswer is the shape of Kolada's answer; pointers tell a missing
// member from a zero one.
type koladaAnswer struct {
	Count  *int           `json:"count"`
	Values *[]koladaEntry `json:"values"`
	Next   *string        `json:"next_page"`
	Prev   *string        `json:"previous_page"`
}

type koladaEntry struct {
	KPI          *string        `json:"kpi"`
	Municipality *string        `json:"municipality"`
	Period       *int           `json:"period"`
	Values       *[]koladaValue `json:"values"`
}

type koladaValue struct {
	Count  *int     `json:"count"`
	Gender *string  `json:"gender"`
	Status *string  `json:"status"`
	Value  *float64 `json:"value"`
}

// ErrKoladaShape is wrapped by every error of ParseKolada about the
// file's content.
var ErrKoladaShape = errors.New("not Kolada's JSON answer")

// ParseKolada reads a Kolada answer and returns its totals (gender "T")
// with a value, in the file's order, and how many totals it skipped for
// having no value. It refuses a file that is not one JSON object of
// Kolada's shape, has an entry without kpi, municipality, period or
// values, a year outside 2000–2100, values for more than one
// municipality, or more than MaxKoladaBytes.
func ParseKolada(r io.Reader) (rows []KoladaRow, nulls int, err error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxKoladaBytes+1))
	if err != nil {
		return nil, 0, fmt.Errorf("read kolada file: %w", err)
	}
	if len(data) > MaxKoladaBytes {
		return nil, 0, fmt.Errorf("%w: the file is larger than %d MB", ErrKoladaShape, MaxKoladaBytes>>20)
	}
	var a koladaAnswer
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		return nil, 0, fmt.Errorf("%w: %s", ErrKoladaShape, jsonProblem(err))
	}
	if dec.More() {
		return nil, 0, fmt.Errorf("%w: there is more after the JSON object", ErrKoladaShape)
	}
	if a.Count == nil || a.Values == nil {
		return nil, 0, fmt.Errorf("%w: the object must have the members \"count\" and \"values\"", ErrKoladaShape)
	}
	for i, e := range *a.Values {
		got, n, err := e.rows(i)
		if err != nil {
			return nil, 0, err
		}
		rows = append(rows, got...)
		nulls += n
	}
	if err := oneMunicipality(rows); err != nil {
		return nil, 0, err
	}
	return rows, nulls, nil
}

// rows returns the totals of entry i and how many of them had no value.
func (e koladaEntry) rows(i int) ([]KoladaRow, int, error) {
	if e.KPI == nil || strings.TrimSpace(*e.KPI) == "" || e.Municipality == nil || e.Period == nil || e.Values == nil {
		return nil, 0, fmt.Errorf("%w: entry %d must have \"kpi\", \"municipality\", \"period\" and \"values\"", ErrKoladaShape, i+1)
	}
	if !ValidYear(*e.Period) {
		return nil, 0, fmt.Errorf("%w: entry %d has the period %d; a year from 2000 to 2100 is expected", ErrKoladaShape, i+1, *e.Period)
	}
	var out []KoladaRow
	nulls := 0
	for _, v := range *e.Values {
		if v.Gender == nil {
			return nil, 0, fmt.Errorf("%w: a value of entry %d has no \"gender\"", ErrKoladaShape, i+1)
		}
		if *v.Gender != "T" {
			continue
		}
		if v.Value == nil {
			nulls++
			continue
		}
		out = append(out, KoladaRow{KPI: strings.TrimSpace(*e.KPI), Municipality: *e.Municipality, Year: *e.Period, Value: *v.Value})
	}
	return out, nulls, nil
}

// oneMunicipality refuses rows of more than one municipality.
func oneMunicipality(rows []KoladaRow) error {
	var seen []string
	for _, r := range rows {
		if !slices.Contains(seen, r.Municipality) {
			seen = append(seen, r.Municipality)
		}
	}
	if len(seen) > 1 {
		return fmt.Errorf("%w: it holds values for several municipalities (%s); import one municipality's file", ErrKoladaShape, strings.Join(seen, ", "))
	}
	return nil
}

// jsonProblem says in plain words what a JSON decoding error is about.
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("the JSON is broken at byte %d", syn.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("the member %q should be a %s, not a %s", typ.Field, typ.Type, typ.Value)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the file is empty or ends too early"
	}
	return err.Error()
}

// KoladaImport is what an import of Kolada rows comes to: the values to
// store, and the KPIs of the file no indicator follows.
type KoladaImport struct {
	Values  []Value
	Skipped []string // KPIs without an indicator, sorted, each once
	// SkippedRows counts the rows of those KPIs.
	SkippedRows int
}

// MatchKolada turns rows into values of the indicators whose KoladaKPI
// they are, for the group (unit 0), with the source "Kolada <kpi>"; rows
// of KPIs no indicator has are skipped. An indicator takes a KPI whatever
// its source kind, so a manual indicator may get Kolada's figures too.
func MatchKolada(rows []KoladaRow, inds []Indicator) KoladaImport {
	var out KoladaImport
	for _, r := range rows {
		matched := false
		for _, ind := range inds {
			if ind.KoladaKPI == "" || !strings.EqualFold(ind.KoladaKPI, r.KPI) {
				continue
			}
			matched = true
			out.Values = append(out.Values, Value{Indicator: ind.Key, Period: YearPeriod(r.Year), Value: r.Value, Known: true,
				Source: "Kolada " + r.KPI})
		}
		if !matched {
			out.SkippedRows++
			if !slices.Contains(out.Skipped, r.KPI) {
				out.Skipped = append(out.Skipped, r.KPI)
			}
		}
	}
	slices.Sort(out.Skipped)
	return out
}
