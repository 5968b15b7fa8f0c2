package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"sprang/internal/eservice"
)

// CatalogueQuery selects published services for the resident's catalogue.
type CatalogueQuery struct {
	Text     string            // full-text search (FTS5 on SQLite, Swedish stemming on PostgreSQL); "" for all
	Category eservice.Category // "" for all
	MostUsed bool              // order by errands in the last 365 days instead of by title
	Limit    int               // 0 means 100
}

// CatalogueEntry is one published service in the catalogue.
type CatalogueEntry struct {
	Service
	Uses int // errands in the last 365 days
}

// Limits of the catalogue search.
const (
	catalogueDefaultLimit = 100
	catalogueMaxLimit     = 1000
	maxSearchBytes        = 400 // longer search text is cut (at a character boundary)
	maxSearchTerms        = 12  // further words are ignored
	maxSearchTermRunes    = 60  // longer words are cut
	usesWindowDays        = 365 // "most used" counts errands of this many days, today included
)

// SearchCatalogue returns the published services matching q, each with the
// published spec and its errands in the last 365 days, ordered by Swedish
// title or, with MostUsed, by those errands (then title). Search text from
// residents is untrusted: it is cut into words of letters and digits, each
// matching a word that starts with it, all of them required, and passed as
// a parameter, so any input searches words and never errors. Text with no
// words at all (only punctuation), or an unknown category, matches nothing.
func (db *DB) SearchCatalogue(ctx context.Context, q CatalogueQuery) ([]CatalogueEntry, error) {
	terms := searchTerms(q.Text)
	if len(terms) == 0 && strings.TrimSpace(q.Text) != "" {
		return nil, nil
	}
	if q.Category != "" && !slices.Contains(eservice.Categories(), q.Category) {
		return nil, nil
	}
	hits, err := db.catalogueHits(ctx, q, terms)
	if err != nil {
		return nil, fmt.Errorf("search catalogue: %w", err)
	}
	sortHits(hits, q.MostUsed)
	limit := q.Limit
	if limit <= 0 {
		limit = catalogueDefaultLimit
	}
	hits = hits[:min(len(hits), limit, catalogueMaxLimit)]
	out, err := db.catalogueEntries(ctx, hits)
	if err != nil {
		return nil, fmt.Errorf("search catalogue: %w", err)
	}
	return out, nil
}

// catalogueHit is a matching service before its spec is loaded.
type catalogueHit struct {
	id    int64
	title string
	uses  int
}

// catalogueHits returns every published service matching q and terms with
// its recent uses, unordered. A municipality has some hundred services, so
// the ordering by Swedish collation is done in Go, and the specs are loaded
// for the page only.
func (db *DB) catalogueHits(ctx context.Context, q CatalogueQuery, terms []string) ([]catalogueHit, error) {
	query := `SELECT s.id, s.title_sv, COALESCE(u.n, 0) FROM eservices s
		LEFT JOIN (SELECT service_id, SUM(n) AS n FROM eservice_uses WHERE day >= ? GROUP BY service_id) u
			ON u.service_id = s.id
		WHERE s.published_version > 0`
	args := []any{usesSince(db.Now())}
	if q.Category != "" {
		query += ` AND s.category = ?`
		args = append(args, string(q.Category))
	}
	if len(terms) > 0 {
		cond, arg := db.catalogueMatch(terms)
		query += ` AND ` + cond
		args = append(args, arg)
	}
	rows, err := db.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	var out []catalogueHit
	for rows.Next() {
		var h catalogueHit
		if err := rows.Scan(&h.id, &h.title, &h.uses); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// sortHits orders hits by Swedish title, or by uses and then title.
func sortHits(hits []catalogueHit, mostUsed bool) {
	c := collate.New(language.Swedish)
	slices.SortStableFunc(hits, func(a, b catalogueHit) int {
		if mostUsed && a.uses != b.uses {
			return cmp.Compare(b.uses, a.uses)
		}
		if n := c.CompareString(a.title, b.title); n != 0 {
			return n
		}
		return cmp.Compare(a.id, b.id)
	})
}

// catalogueEntries loads the services of hits, in their order.
func (db *DB) catalogueEntries(ctx context.Context, hits []catalogueHit) ([]CatalogueEntry, error) {
	if len(hits) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.id
	}
	services, err := db.queryServices(ctx, `SELECT `+serviceColumns+serviceFrom+
		` WHERE s.id IN (`+placeholders(len(ids))+`)`, int64Args(ids)...)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]Service, len(services))
	for _, s := range services {
		byID[s.ID] = s
	}
	out := make([]CatalogueEntry, 0, len(hits))
	for _, h := range hits {
		if s, ok := byID[h.id]; ok { // a service deleted meanwhile is left out
			out = append(out, CatalogueEntry{Service: s, Uses: h.uses})
		}
	}
	return out, nil
}

// searchTerms cuts a resident's search text into at most maxSearchTerms
// distinct lower-case words of letters, digits and combining marks (in
// NFC). Everything else separates words, so quotes, operators and
// brackets never reach the search engine.
func searchTerms(text string) []string {
	if len(text) > maxSearchBytes {
		cut := maxSearchBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	text = strings.ToLower(norm.NFC.String(strings.ToValidUTF8(text, " ")))
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
	var out []string
	for _, w := range words {
		if utf8.RuneCountInString(w) > maxSearchTermRunes {
			w = string([]rune(w)[:maxSearchTermRunes])
		}
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
		if len(out) == maxSearchTerms {
			break
		}
	}
	return out
}

// usesSince returns the first day counted as recent use at now.
func usesSince(now time.Time) string {
	return now.UTC().AddDate(0, 0, -(usesWindowDays - 1)).Format(time.DateOnly)
}

// countServiceUseTx counts one errand of service serviceID made at at, for
// "most used" in the catalogue. SubmitErrand calls it for every errand,
// whatever its channel: the count is kept per service and day in
// eservice_uses rather than taken from drafts, because errands registered
// from paper, phone or visits have no draft, and because counting a few
// rows per service is cheaper than counting drafts on every catalogue view.
func (db *DB) countServiceUseTx(ctx context.Context, tx *sql.Tx, serviceID int64, at time.Time) error {
	_, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO eservice_uses (service_id, day, n) VALUES (?, ?, 1)
		ON CONFLICT (service_id, day) DO UPDATE SET n = eservice_uses.n + 1`),
		serviceID, at.UTC().Format(time.DateOnly))
	if err != nil {
		return fmt.Errorf("count service use: %w", err)
	}
	return nil
}
