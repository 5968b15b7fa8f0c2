package platformdata

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"time"

	"sprang/internal/eservice"
	"sprang/internal/opendata"
	"sprang/internal/tabular"
)

// The columns of the tables that are not per channel.
const (
	colMonth   = "Månad"
	colService = "E-tjänst"
	colUnit    = "Enhet"
	colTotal   = "Totalt"
	colClosed  = "Avslutade ärenden"
	colMedian  = "Median (dagar)"
	colP90     = "90:e percentilen (dagar)"
)

// channelNames are the column names of the channels, in the order of
// eservice.Channels.
var channelNames = map[eservice.Channel]string{
	eservice.ChannelDigital: "Digitalt",
	eservice.ChannelPaper:   "Papper",
	eservice.ChannelPhone:   "Telefon",
	eservice.ChannelVisit:   "Besök",
	eservice.ChannelLetter:  "Brev",
}

// channelColumns returns the channels' column names in order.
func channelColumns() []string {
	var out []string
	for _, c := range eservice.Channels() {
		out = append(out, channelNames[c])
	}
	return out
}

// monthText writes the month starting at m as "YYYY-MM".
func monthText(m time.Time) string { return m.Format("2006-01") }

// errandRow is one row of the errands table before suppression.
type errandRow struct {
	month   int
	service string
	unit    string
	counts  []int // by channel, in the order of eservice.Channels
}

// errandsTable returns the errands per month, service, unit and channel,
// one row per month, service and unit with a column per channel and the
// row's total, suppressed with the Publisher's threshold.
func errandsTable(ctx context.Context, p *Publisher, months []time.Time, to time.Time) ([][]string, error) {
	counts, err := p.db.PlatformErrandCounts(ctx, months, to)
	if err != nil {
		return nil, err
	}
	var rows []errandRow
	type key struct{ month, service, unit int64 }
	index := map[key]int{}
	for _, c := range counts {
		k := key{int64(c.Month), c.ServiceID, c.UnitID}
		i, ok := index[k]
		if !ok {
			i = len(rows)
			index[k] = i
			rows = append(rows, errandRow{month: c.Month, service: c.Service.SV, unit: c.UnitSV,
				counts: make([]int, len(eservice.Channels()))})
		}
		rows[i].counts[channelOrder(c.Channel)] += c.Errands
	}
	table := opendata.CountTable{RowTotals: true}
	for _, r := range rows {
		table.Counts = append(table.Counts, r.counts)
	}
	s := opendata.Suppress(table, p.opts.Threshold)
	out := [][]string{append(append([]string{colMonth, colService, colUnit}, channelColumns()...), colTotal)}
	for i, r := range rows {
		line := []string{monthText(months[r.month]), r.service, r.unit}
		for c, n := range r.counts {
			line = append(line, count(n, s.Cells[i][c]))
		}
		out = append(out, append(line, count(s.Rows[i], s.RowTotals[i])))
	}
	return out, nil
}

// channelOrder returns the place of c in eservice.Channels.
func channelOrder(c eservice.Channel) int {
	for i, x := range eservice.Channels() {
		if x == c {
			return i
		}
	}
	return 0
}

// leadTimesTable returns the lead times per month and service: the
// errands closed, the median and the 90th percentile in days, all blank
// where fewer than the threshold were closed.
func leadTimesTable(ctx context.Context, p *Publisher, months []time.Time, to time.Time) ([][]string, error) {
	leads, err := p.db.PlatformLeadTimes(ctx, months, to)
	if err != nil {
		return nil, err
	}
	table := opendata.CountTable{}
	for _, l := range leads {
		table.Counts = append(table.Counts, []int{l.Closed})
	}
	s := opendata.Suppress(table, p.opts.Threshold)
	out := [][]string{{colMonth, colService, colClosed, colMedian, colP90}}
	for i, l := range leads {
		blank := s.Cells[i][0]
		out = append(out, []string{monthText(months[l.Month]), l.Service.SV, count(l.Closed, blank),
			days(l.Median, blank), days(l.P90, blank)})
	}
	return out, nil
}

// count writes n, or nothing when it is blanked.
func count(n int, blank bool) string {
	if blank {
		return ""
	}
	return strconv.Itoa(n)
}

// days writes d in days with one decimal and a decimal comma, or nothing
// when it is blanked.
func days(d time.Duration, blank bool) string {
	if blank {
		return ""
	}
	return strings.Replace(strconv.FormatFloat(d.Hours()/24, 'f', 1, 64), ".", ",", 1)
}

// writeCSV writes rows as a UTF-8 CSV file with semicolons and CRLF line
// breaks, as Swedish spreadsheets read them, with text cells made safe
// from formula injection (tabular.SafeCell).
func writeCSV(rows [][]string) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma, w.UseCRLF = ';', true
	for _, r := range rows {
		safe := make([]string, len(r))
		for i, c := range r {
			safe[i] = tabular.SafeCell(c)
		}
		if err := w.Write(safe); err != nil {
			return nil, fmt.Errorf("write csv: %w", err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("write csv: %w", err)
	}
	return b.Bytes(), nil
}
