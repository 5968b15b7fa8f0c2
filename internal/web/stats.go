package web

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/i18n"
	"sprang/internal/identity"
	"sprang/internal/store"
)

// The e-service statistics page (/personal/statistik) shows staff how the
// services of their units are used: drafts started and submitted, errands
// by channel, lead times and overdue errands, per service; errands per
// month by channel; and where residents stop in one chosen service. The
// same summary downloads as CSV (stats_csv.go). Everything on it is a
// count or a duration: no errand and no person can be picked out, so
// showing it is not a read of personal data and is not audited.

// statsFields are the filter's query parameters, in form order. Their
// values are ids and codes, never personal data: the URL is logged.
var statsFields = []string{"enhet", "tjanst", "period"}

// The period choices other than a calendar year ("2025").
const (
	statsDays30   = "30-dagar"   // the last 30 days, today included
	statsMonths12 = "12-manader" // this month and the 11 before it
	statsThisYear = "i-ar"       // this calendar year
)

// statsYears is how many past calendar years the period offers.
const statsYears = 5

// Message keys of the filter's errors.
const (
	msgStatsUnit    = "stats.filter.unit_invalid"
	msgStatsService = "stats.filter.service_invalid"
	msgStatsPeriod  = "stats.filter.period_invalid"
)

// statsPage is the statistics page: the filter's choices, the period
// shown, the summary tables, the monthly chart and the drop-off chart.
type statsPage struct {
	Units    []identity.Node // the units the user may see statistics of
	Services []caseOption
	Periods  []caseOption
	Period   string // the period shown, in words
	Rows     []statsRow
	Total    statsRow
	Channels []eservice.Channel
	Monthly  chart
	DropOff  *chart       // when one service is chosen
	Funnel   *statsFunnel // when one service is chosen
	CSV      string       // the CSV download of the summary
}

// statsRow is one service's figures (or the total's), formatted.
type statsRow struct {
	Service    unitName
	Unit       unitName
	Started    string
	Submitted  string
	Completion string // the share of started drafts submitted, or a dash
	Errands    string
	Digital    string // the share of errands made in the e-service, or a dash
	ByChannel  []string
	Decided    string
	InTime     string // the share decided by their due time, or a dash
	Median     string // days, or a dash
	P90        string // days, or a dash
	Overdue    string
}

// statsFunnel is the chosen service's funnel in words; Started is ""
// when no draft was started.
type statsFunnel struct {
	Service   unitName
	Started   string
	Submitted string
	Rate      string
	Stopped   string
}

// statsFilter is the store query the filter asks for, with the period's
// choice.
type statsFilter struct {
	query  eservice.StatsQuery
	period string // the period's choice as the form sent it, or the default
}

// handleStats shows the statistics of the units (and service and period)
// the filter asks for.
func (s *Server) handleStats(w http.ResponseWriter, r *http.Request) {
	acc, units, err := s.statsAccess(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	v.Title = v.T("stats.title")
	v.Form = statsForm(r.URL.Query())
	p, f, err := s.statsChoices(r.Context(), acc, units, v)
	if err == nil {
		err = s.loadStats(r.Context(), acc, v, f, &p)
	}
	for k, val := range v.Form { // shown again in the form: unreadable bytes become U+FFFD
		v.Form[k] = strings.ToValidUTF8(val, "\uFFFD")
	}
	status := http.StatusOK
	if sprang.ErrorKind(err) == sprang.Invalid {
		showErrors(v, err, statsFields...)
		status = http.StatusUnprocessableEntity
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderStatus(w, r, status, "stats", v.with(p).impersonal()) // counts and durations only
}

// statsAccess returns the access of the request's staff user and the
// units whose statistics they may see: those where they may view errands
// or e-services, sub-units included, in tree order. Unauthenticated for
// anonymous requests, Forbidden for staff with neither permission.
func (s *Server) statsAccess(r *http.Request) (*access, []int64, error) {
	acc, err := s.staffAccess(r)
	if err != nil {
		return nil, nil, err
	}
	units := statsUnits(acc)
	if len(units) == 0 {
		return nil, nil, sprang.Errorf(sprang.Forbidden, "error.403.text")
	}
	return acc, units, nil
}

// statsUnits returns the units where acc may view errands or e-services,
// in tree order.
func statsUnits(acc *access) []int64 {
	p := acc.User.Principal()
	errands := identity.UnitsWhere(p, identity.ViewErrands, acc.Tree)
	services := identity.UnitsWhere(p, identity.ViewEServices, acc.Tree)
	var out []int64
	for _, n := range acc.Tree.Walk() {
		if slices.Contains(errands, n.ID) || slices.Contains(services, n.ID) {
			out = append(out, n.ID)
		}
	}
	return out
}

// statsForm returns the filter's values from query q, trimmed.
func statsForm(q url.Values) map[string]string {
	form := map[string]string{}
	for _, f := range statsFields {
		form[f] = strings.TrimSpace(q.Get(f))
	}
	return form
}

// statsChoices fills the filter's choices and parses the filter in
// v.Form. A value the form cannot have sent gives an Invalid error, with
// the choices filled in so that the form can be shown again.
func (s *Server) statsChoices(ctx context.Context, acc *access, units []int64, v *view) (statsPage, statsFilter, error) {
	p := statsPage{Channels: eservice.Channels()}
	for _, n := range acc.Tree.Walk() {
		if slices.Contains(units, n.ID) {
			p.Units = append(p.Units, n)
		}
	}
	services, err := s.db.ListServices(ctx, units)
	if err != nil {
		return p, statsFilter{}, err
	}
	for _, sv := range services {
		if sv.Published > 0 {
			p.Services = append(p.Services, caseOption{Value: strconv.FormatInt(sv.ID, 10), Label: caseText(v, sv.Spec.Title)})
		}
	}
	now := s.db.Now()
	p.Periods = statsPeriods(v, now)
	f, err := parseStatsFilter(v.Form, acc.Tree, units, p, now)
	return p, f, err
}

// statsPeriods returns the period choices: the last 30 days, the last 12
// months, this year and the statsYears calendar years before it.
func statsPeriods(v *view, now time.Time) []caseOption {
	out := []caseOption{
		{Value: statsMonths12, Label: unitName{Text: v.T("stats.period.12_months")}},
		{Value: statsDays30, Label: unitName{Text: v.T("stats.period.30_days")}},
		{Value: statsThisYear, Label: unitName{Text: v.T("stats.period.this_year", now.In(eservice.StatsLocation()).Year())}},
	}
	year := now.In(eservice.StatsLocation()).Year()
	for y := year - 1; y >= year-statsYears; y-- {
		out = append(out, caseOption{Value: strconv.Itoa(y), Label: unitName{Text: strconv.Itoa(y)}})
	}
	return out
}

// parseStatsFilter turns the filter form into a statistics query over
// units (the units the user may see), at now. Each value must be one the
// form offers: a unit of units (its sub-units among units come along), a
// published service of theirs, and a period of p.Periods (none: the last
// 12 months).
func parseStatsFilter(form map[string]string, tree *identity.Tree, units []int64, p statsPage, now time.Time) (statsFilter, error) {
	f := statsFilter{query: eservice.StatsQuery{UnitIDs: units, Now: now, WithTotal: true}, period: form["period"]}
	if err := unreadableFields(form); err != nil {
		return f, err
	}
	bad := map[string]string{}
	if u := form["enhet"]; u != "" {
		id, err := strconv.ParseInt(u, 10, 64)
		if err != nil || !slices.Contains(units, id) {
			bad["enhet"] = msgStatsUnit
		} else {
			f.query.UnitIDs = caseSubtree(tree, id, units)
		}
	}
	if sv := form["tjanst"]; sv != "" {
		if !caseHasOption(p.Services, sv) {
			bad["tjanst"] = msgStatsService
		}
		f.query.ServiceID, _ = strconv.ParseInt(sv, 10, 64)
	}
	if f.period == "" {
		f.period = statsMonths12
	}
	if !caseHasOption(p.Periods, f.period) {
		bad["period"] = msgStatsPeriod
	} else {
		f.query.From, f.query.To = statsPeriod(f.period, now)
	}
	return f, sprang.FieldErrors(bad)
}

// statsPeriod returns the bounds of the period choice c at now, in
// Swedish time: whole days, months or years.
func statsPeriod(c string, now time.Time) (from, to time.Time) {
	loc := eservice.StatsLocation()
	n := now.In(loc)
	today := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)
	month := time.Date(n.Year(), n.Month(), 1, 0, 0, 0, 0, loc)
	year := time.Date(n.Year(), 1, 1, 0, 0, 0, 0, loc)
	switch c {
	case statsDays30:
		return today.AddDate(0, 0, -29), today.AddDate(0, 0, 1)
	case statsMonths12:
		return month.AddDate(0, -11, 0), month.AddDate(0, 1, 0)
	case statsThisYear:
		return year, year.AddDate(1, 0, 0)
	}
	y, _ := strconv.Atoi(c) // parseStatsFilter offers only years here
	from = time.Date(y, 1, 1, 0, 0, 0, 0, loc)
	return from, from.AddDate(1, 0, 0)
}

// loadStats reads the statistics f asks for into p.
func (s *Server) loadStats(ctx context.Context, acc *access, v *view, f statsFilter, p *statsPage) error {
	q := f.query
	p.Period = i18n.Date(v.Lang, q.From) + " – " + i18n.Date(v.Lang, q.To.AddDate(0, 0, -1))
	p.CSV = statsURL("/personal/statistik.csv", v.Form)
	rows, err := s.db.ServiceStats(ctx, q)
	if err != nil {
		return err
	}
	rows, total := statsSplitTotal(rows)
	p.Rows = statsRows(v, acc, rows)
	p.Total = statsRowOf(v, total)
	p.Total.Service = unitName{Text: v.T("stats.total")}
	months, err := s.db.MonthlyStats(ctx, q)
	if err != nil {
		return err
	}
	p.Monthly = statsMonthlyChart(v, months)
	if q.ServiceID != 0 {
		sv, err := s.db.FindService(ctx, q.ServiceID)
		if err != nil {
			return err
		}
		p.DropOff, p.Funnel = statsDropOff(v, sv, total)
	}
	return nil
}

// sortStatsRows sorts rows by unit in tree order and then by service
// title in Swedish alphabetical order.
func sortStatsRows(v *view, acc *access, rows []eservice.ServiceStats) {
	order := map[int64]int{}
	for i, n := range acc.Tree.Walk() {
		order[n.ID] = i
	}
	slices.SortStableFunc(rows, func(a, b eservice.ServiceStats) int {
		return cmp.Or(cmp.Compare(order[a.UnitID], order[b.UnitID]), i18n.Compare(a.Title.In(string(v.Lang)), b.Title.In(string(v.Lang))))
	})
}

// statsRows formats rows, sorted as sortStatsRows does.
func statsRows(v *view, acc *access, rows []eservice.ServiceStats) []statsRow {
	sortStatsRows(v, acc, rows)
	out := make([]statsRow, len(rows))
	for i, r := range rows {
		out[i] = statsRowOf(v, r)
		out[i].Service = caseText(v, r.Title)
		if u, ok := acc.Tree.Unit(r.UnitID); ok {
			out[i].Unit = v.UnitName(u)
		}
	}
	return out
}

// statsSplitTotal returns the rows of a query WithTotal without the total,
// and the total (zero when there are no rows at all).
func statsSplitTotal(rows []eservice.ServiceStats) ([]eservice.ServiceStats, eservice.ServiceStats) {
	if len(rows) == 0 {
		return nil, eservice.ServiceStats{ByChannel: eservice.ChannelCounts()}
	}
	return rows[:len(rows)-1], rows[len(rows)-1]
}

// statsRowOf formats the figures of r.
func statsRowOf(v *view, r eservice.ServiceStats) statsRow {
	out := statsRow{
		Started: statsCount(v, r.Started), Submitted: statsCount(v, r.Submitted),
		Completion: statsShare(v, r.CompletionRate(), r.Started),
		Errands:    statsCount(v, r.Errands), Digital: statsShare(v, r.DigitalShare(), r.Errands),
		Decided: statsCount(v, r.Decided), InTime: statsShare(v, r.InTimeRate(), r.Decided),
		Median: statsDays(v, r.LeadMedian, r.Decided), P90: statsDays(v, r.LeadP90, r.Decided),
		Overdue: statsCount(v, r.Overdue),
	}
	for _, c := range eservice.Channels() {
		out.ByChannel = append(out.ByChannel, statsCount(v, r.ByChannel[c]))
	}
	return out
}

// statsCount formats a count: "1 234" in Swedish.
func statsCount(v *view, n int) string { return i18n.Number(v.Lang, int64(n)) }

// statsShare formats share (0 to 1) as a whole percentage, "72 %" in
// Swedish, or a dash when of (what it is a share of) is 0.
func statsShare(v *view, share float64, of int) string {
	if of == 0 {
		return v.T("stats.none")
	}
	return v.T("stats.percent", i18n.Decimal(v.Lang, share*100, 0))
}

// statsDays formats d in days with one decimal, "3,5 dagar" in Swedish,
// or a dash when n (the decisions it is of) is 0.
func statsDays(v *view, d time.Duration, n int) string {
	if n == 0 {
		return v.T("stats.none")
	}
	return v.T("stats.days", i18n.Decimal(v.Lang, d.Hours()/24, 1))
}

// statsMonthName returns the name of t's month and its year, "mars 2026".
func statsMonthName(v *view, t time.Time) string {
	return v.T("stats.month."+strconv.Itoa(int(t.Month()))) + " " + strconv.Itoa(t.Year())
}

// statsMonthlyChart returns the chart of errands per month, stacked by
// channel.
func statsMonthlyChart(v *view, months []eservice.MonthStats) chart {
	spec := chartSpec{ID: "chart-monthly", Title: v.T("stats.monthly.title"), Head: v.T("stats.monthly.month"),
		Stacked: true, Total: v.T("stats.monthly.total"),
		Format: func(f float64) string { return i18n.Number(v.Lang, int64(f)) }}
	largest, at := 0, ""
	for i, m := range months {
		label := v.T("stats.month_short." + strconv.Itoa(int(m.Month.Month())))
		if i == 0 || m.Month.Month() == time.January {
			label += "\n" + strconv.Itoa(m.Month.Year())
		}
		spec.Categories = append(spec.Categories, label)
		spec.Labels = append(spec.Labels, unitName{Text: statsMonthName(v, m.Month)})
		if m.Errands > largest || at == "" {
			largest, at = m.Errands, statsMonthName(v, m.Month)
		}
	}
	for _, c := range eservice.Channels() {
		s := chartSeries{Name: v.T("case.channel." + string(c))}
		for _, m := range months {
			s.Values = append(s.Values, float64(m.ByChannel[c]))
		}
		spec.Series = append(spec.Series, s)
	}
	switch {
	case len(months) == 0:
	case largest == 0:
		spec.Desc = v.T("stats.monthly.desc_none", statsMonthName(v, months[0].Month), statsMonthName(v, months[len(months)-1].Month))
	default:
		spec.Desc = v.T("stats.monthly.desc", statsMonthName(v, months[0].Month), statsMonthName(v, months[len(months)-1].Month),
			i18n.Number(v.Lang, int64(largest)), at)
	}
	return newChart(spec)
}

// statsDropOff returns the chart of where the residents who started the
// service sv and did not submit it stopped, by the furthest step they
// reached, and the funnel in words.
func statsDropOff(v *view, sv store.Service, r eservice.ServiceStats) (*chart, *statsFunnel) {
	title := caseText(v, sv.Spec.Title)
	pages := sv.Spec.Form.Pages
	n := max(len(pages), len(r.DropOff))
	spec := chartSpec{ID: "chart-dropoff", Title: v.T("stats.dropoff.title", title.Text), Head: v.T("stats.dropoff.step"),
		Format: func(f float64) string { return i18n.Number(v.Lang, int64(f)) }}
	s := chartSeries{Name: v.T("stats.dropoff.stopped")}
	for i := range n {
		spec.Categories = append(spec.Categories, strconv.Itoa(i+1))
		label := unitName{Text: v.T("stats.dropoff.page", i+1)}
		if i < len(pages) {
			pt := caseText(v, pages[i].Title)
			label = unitName{Text: strconv.Itoa(i+1) + ". " + pt.Text, Lang: pt.Lang}
		}
		spec.Labels = append(spec.Labels, label)
		var c int
		if i < len(r.DropOff) {
			c = r.DropOff[i]
		}
		s.Values = append(s.Values, float64(c))
	}
	spec.Series = []chartSeries{s}
	spec.Desc = v.T("stats.dropoff.desc", title.Text, i18n.Number(v.Lang, int64(r.Abandoned())), i18n.Number(v.Lang, int64(n)))
	c := newChart(spec)
	if r.Started == 0 {
		return &c, &statsFunnel{Service: title}
	}
	return &c, &statsFunnel{Service: title, Started: statsCount(v, r.Started), Submitted: statsCount(v, r.Submitted),
		Rate: statsShare(v, r.CompletionRate(), r.Started), Stopped: statsCount(v, r.Abandoned())}
}

// statsURL returns path with the filter in form as its query.
func statsURL(path string, form map[string]string) string {
	q := url.Values{}
	for _, f := range statsFields {
		if form[f] != "" {
			q.Set(f, form[f])
		}
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// statsLinks are the staff start page's links to the statistics.
var statsLinks = []staffLink{{"/personal/statistik", "stats.staff_link", ""}}

// StatsLinks returns the staff start page's link to the statistics when
// the user may view errands or e-services in some unit. Like CaseLinks,
// it judges from the user's grants, which is all CanAnywhere asks.
func (p staffPage) StatsLinks() []staffLink {
	var units []identity.Unit
	seen := map[int64]bool{}
	for _, g := range p.Grants {
		if !seen[g.Unit.ID] {
			seen[g.Unit.ID] = true
			u := g.Unit
			u.ParentID = 0
			units = append(units, u)
		}
	}
	t, err := identity.BuildTree(units)
	if err != nil {
		return nil
	}
	if identity.CanAnywhere(p.User.Principal(), identity.ViewErrands, t) ||
		identity.CanAnywhere(p.User.Principal(), identity.ViewEServices, t) {
		return statsLinks
	}
	return nil
}
