package web

import (
	"net/http"
	"strconv"
	"time"

	"sprang/internal/followup"
	"sprang/internal/i18n"
	"sprang/internal/identity"
)

// The portfolio's timeline: every initiative with a start date as a bar
// from its start to its end (to today, drawn open, when it has none),
// over the years they span, drawn on the server as SVG, with the same
// dates in a table after it. The picture is an image with a title and a
// description; the table is what screen readers and keyboard users read.
// Bars are told apart by the title above each, not by colour alone.

// Timeline geometry, in SVG user units.
const (
	tlLeft   = 8.0   // left margin
	tlWidth  = 640.0 // the view box's width
	tlRow    = 40.0  // one initiative's height: its title and its bar
	tlTop    = 28.0  // the year labels' band
	tlBar    = 14.0  // a bar's height
	tlMaxLen = 70    // the longest title drawn in full, in characters
)

// tlYear is one year's band: its label and gridline.
type tlYear struct {
	X, LabelX num
	Label     string
}

// tlBarRow is one initiative's bar with its title.
type tlBarRow struct {
	Title            string
	TextY, Y, X, W   num
	Open             bool // open-ended: drawn to today with a dashed end
	Color            string
	StartText, Until string
	Row              iniRow
}

// timelinePage is the timeline's data.
type timelinePage struct {
	Years   []tlYear
	Bars    []tlBarRow
	Undated []iniRow
	Height  num
	Bottom  num
	Desc    string
}

// tlColors are the bars' colours by status, each with 3:1 contrast
// against white; the status is also written in the table.
var tlColors = map[followup.InitiativeStatus]string{
	followup.StatusIdea: "#6f3c9e", followup.StatusPreStudy: "#8a4b08", followup.StatusOngoing: "#1d5aa0",
	followup.StatusIntroduced: "#00703c", followup.StatusClosed: "#505a5f", followup.StatusStopped: "#b3261e",
}

func (s *Server) handleInitiativeTimeline(w http.ResponseWriter, r *http.Request) {
	acc, err := s.requireAnywhere(r, identity.ViewFollowUp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	all, err := s.db.Initiatives(r.Context(), followup.InitiativeFilter{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := s.view(r)
	p := timelineOf(v, acc, all, s.db.Now())
	v.Title = v.T(iniMsg + "timeline.title")
	s.renderStatus(w, r, http.StatusOK, "initiative_timeline", v.impersonal().with(p))
}

// timelineOf lays out the timeline of inis as of now, the earliest start
// first.
func timelineOf(v *view, acc *access, inis []followup.Initiative, now time.Time) timelinePage {
	var dated []followup.Initiative
	var p timelinePage
	first, last := now.Year(), now.Year()
	for i := len(inis) - 1; i >= 0; i-- { // Initiatives lists the latest start first
		ini := inis[i]
		if ini.Start.IsZero() {
			p.Undated = append(p.Undated, iniRowOf(v, acc, ini))
			continue
		}
		dated = append(dated, ini)
		first = min(first, ini.Start.Year())
		if !ini.End.IsZero() {
			last = max(last, ini.End.Year())
		}
	}
	from := time.Date(first, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(last+1, 1, 1, 0, 0, 0, 0, time.UTC)
	scale := (tlWidth - 2*tlLeft) / to.Sub(from).Hours()
	x := func(t time.Time) float64 { return tlLeft + t.Sub(from).Hours()*scale }
	for y := first; y <= last; y++ {
		x0 := x(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))
		x1 := x(time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC))
		p.Years = append(p.Years, tlYear{X: num(x0), LabelX: num((x0 + x1) / 2), Label: strconv.Itoa(y)})
	}
	for i, ini := range dated {
		top := tlTop + float64(i)*tlRow
		end, open := ini.End, ini.End.IsZero()
		if open {
			end = now
		}
		if end.Before(ini.Start) {
			end = ini.Start
		}
		w := max(x(end.AddDate(0, 0, 1))-x(ini.Start), 3)
		b := tlBarRow{Title: tlShort(ini.Title), TextY: num(top + 14), Y: num(top + 20), X: num(x(ini.Start)), W: num(w),
			Open: open, Color: tlColors[ini.Status], StartText: i18nDate(v, ini.Start), Row: iniRowOf(v, acc, ini)}
		b.Until = v.T(iniMsg + "timeline.open")
		if !open {
			b.Until = i18nDate(v, ini.End)
		}
		p.Bars = append(p.Bars, b)
	}
	p.Height = num(tlTop + float64(len(dated))*tlRow + 8)
	p.Bottom = p.Height - 4
	p.Desc = v.T(iniMsg+"timeline.desc", len(dated), first, last)
	return p
}

// tlShort returns title, cut to tlMaxLen characters with an ellipsis.
func tlShort(title string) string {
	r := []rune(title)
	if len(r) <= tlMaxLen {
		return title
	}
	return string(r[:tlMaxLen-1]) + "…"
}

// i18nDate writes a date as the page's language writes it.
func i18nDate(v *view, t time.Time) string { return v.IniDate(t) }

// IniDate writes a calendar date (stored at midnight UTC) as the page's
// language writes it, without moving it to another day.
func (v *view) IniDate(t time.Time) string {
	return i18n.Date(v.Lang, time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, time.UTC))
}
