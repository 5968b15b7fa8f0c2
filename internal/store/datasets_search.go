package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"sprang/internal/opendata"
)

// Limits of a catalogue search page.
const (
	datasetDefaultLimit = 20
	datasetMaxLimit     = 1000
)

// SearchDatasets searches the catalogue (see opendata.DatasetQuery) and
// returns one page of entries, with their publishers and distributions,
// the number of matches and the facet counts over every match.
//
// Visible are the published datasets and, for the units in
// IncludeDraftsOf, every dataset of theirs (drafts, and withdrawn ones,
// which have left the public catalogue). Text is cut into words as the
// e-service catalogue cuts it (searchTerms: letters and digits, so no
// syntax reaches SQL, and each is a bound parameter); each word must occur
// somewhere in the titles, keywords or descriptions of either language,
// case-insensitively and also inside longer words ("vatten" finds
// "Dricksvattenprover", "ÅTERVINNING" finds "återvinning"). Relevance
// counts, per word, 4 for a title, 2 for a keyword and 1 for a description
// that has it, then newest first. Title sorts by Swedish (or, with Lang
// "en", English) collation; modified and created are newest first.
// Limit 0 means 20, at most 1000. Text with no words (only punctuation)
// matches nothing.
//
// How it scales: the words are matched with LIKE '%word%' against text the
// store keeps folded to lower case, which reads every visible dataset's
// text twice per search, once for the counts and once for the page (a few
// milliseconds of CPU at 2,000 datasets, see BenchmarkSearchDatasets). For a catalogue a hundred times larger the
// same conditions can be served by an index: pg_trgm's GIN index on
// PostgreSQL, an FTS5 trigram table on SQLite.
func (db *DB) SearchDatasets(ctx context.Context, q opendata.DatasetQuery) (opendata.DatasetPage, error) {
	terms := searchTerms(q.Text)
	if len(terms) == 0 && strings.TrimSpace(q.Text) != "" {
		return opendata.DatasetPage{}, nil
	}
	var ok bool
	if q, ok = storableFacets(q); !ok {
		return opendata.DatasetPage{}, nil
	}
	cond, args := datasetCondition(q, terms)
	page, err := db.datasetFacets(ctx, cond, args)
	if err != nil {
		return opendata.DatasetPage{}, fmt.Errorf("search datasets: %w", err)
	}
	if page.Total == 0 {
		return page, nil
	}
	if page.Entries, err = db.datasetPage(ctx, q, terms, cond, args); err != nil {
		return opendata.DatasetPage{}, fmt.Errorf("search datasets: %w", err)
	}
	return page, nil
}

// datasetCondition returns the condition on datasets d that q and its
// search words select, and its arguments.
func datasetCondition(q opendata.DatasetQuery, terms []string) (string, []any) {
	var conds []string
	var args []any
	if len(q.IncludeDraftsOf) > 0 {
		conds = append(conds, `(d.state = ? OR d.unit_id IN (`+placeholders(len(q.IncludeDraftsOf))+`))`)
		args = append(append(args, string(opendata.Published)), int64Args(q.IncludeDraftsOf)...)
	} else {
		conds = append(conds, `d.state = ?`)
		args = append(args, string(opendata.Published))
	}
	for _, t := range terms {
		conds = append(conds, `(d.search_title LIKE ? OR d.search_keywords LIKE ? OR d.search_body LIKE ?)`)
		p := "%" + t + "%"
		args = append(args, p, p, p)
	}
	for _, t := range q.Themes {
		conds = append(conds, `EXISTS (SELECT 1 FROM dataset_themes t WHERE t.dataset_id = d.id AND t.theme = ?)`)
		args = append(args, t)
	}
	for _, f := range q.Formats {
		conds = append(conds, `EXISTS (SELECT 1 FROM distributions f WHERE f.dataset_id = d.id AND f.format = ?)`)
		args = append(args, f)
	}
	// A dataset has one publisher and one licence, so several values of
	// these facets mean any of them.
	if len(q.Publishers) > 0 {
		conds = append(conds, `d.unit_id IN (`+placeholders(len(q.Publishers))+`)`)
		args = append(args, int64Args(q.Publishers)...)
	}
	if len(q.Licences) > 0 {
		conds = append(conds, `d.licence IN (`+placeholders(len(q.Licences))+`)`)
		for _, l := range q.Licences {
			args = append(args, l)
		}
	}
	if q.HighValue {
		conds = append(conds, `d.high_value = ?`)
		args = append(args, true)
	}
	return strings.Join(conds, " AND "), args
}

// datasetFacets counts the datasets matching cond and their facets, in one
// query over the matches.
func (db *DB) datasetFacets(ctx context.Context, cond string, args []any) (opendata.DatasetPage, error) {
	rows, err := db.query(ctx, `WITH m AS (SELECT d.id, d.unit_id, d.licence, d.high_value FROM datasets d WHERE `+cond+`)
		SELECT 'n', '', COUNT(*) FROM m
		UNION ALL SELECT 'h', '', COUNT(*) FROM m WHERE m.high_value
		UNION ALL SELECT 'p', CAST(m.unit_id AS TEXT), COUNT(*) FROM m GROUP BY m.unit_id
		UNION ALL SELECT 'l', m.licence, COUNT(*) FROM m WHERE m.licence <> '' GROUP BY m.licence
		UNION ALL SELECT 't', t.theme, COUNT(*) FROM dataset_themes t JOIN m ON m.id = t.dataset_id GROUP BY t.theme
		UNION ALL SELECT 'f', f.format, COUNT(DISTINCT f.dataset_id) FROM distributions f JOIN m ON m.id = f.dataset_id
			WHERE f.format <> '' GROUP BY f.format`, args...)
	if err != nil {
		return opendata.DatasetPage{}, err
	}
	defer func() { _ = rows.Close() }()
	var p opendata.DatasetPage
	for rows.Next() {
		var kind, value string
		var n int
		if err := rows.Scan(&kind, &value, &n); err != nil {
			return opendata.DatasetPage{}, err
		}
		fc := opendata.FacetCount{Value: value, Count: n}
		switch kind {
		case "n":
			p.Total = n
		case "h":
			p.HighValue = n
		case "p":
			p.Publishers = append(p.Publishers, fc)
		case "l":
			p.Licences = append(p.Licences, fc)
		case "t":
			p.Themes = append(p.Themes, fc)
		case "f":
			p.Formats = append(p.Formats, fc)
		}
	}
	for _, f := range [][]opendata.FacetCount{p.Publishers, p.Licences, p.Themes, p.Formats} {
		sortFacets(f)
	}
	return p, rows.Err()
}

// sortFacets orders a facet's values by count, most first, then by value.
func sortFacets(f []opendata.FacetCount) {
	slices.SortFunc(f, func(a, b opendata.FacetCount) int {
		if a.Count != b.Count {
			return cmp.Compare(b.Count, a.Count)
		}
		return cmp.Compare(a.Value, b.Value)
	})
}

// datasetPage returns the page of q's matches (cond) in q's order, with
// their distributions. It sorts the ids of the matches first and reads
// the page's datasets after, so the sort handles narrow rows only.
func (db *DB) datasetPage(ctx context.Context, q opendata.DatasetQuery, terms []string, cond string, args []any) ([]opendata.Entry, error) {
	ids, err := db.datasetPageIDs(ctx, q, terms, cond, args)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT `+entryColumns+entryFrom+` WHERE d.id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return nil, err
	}
	found, err := scanEntries(rows)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]opendata.Entry, len(found))
	for _, e := range found {
		byID[e.Dataset.ID] = e
	}
	es := make([]opendata.Entry, 0, len(ids))
	for _, id := range ids {
		if e, ok := byID[id.(string)]; ok { // one deleted meanwhile is left out
			es = append(es, e)
		}
	}
	err = db.attachDistributions(ctx, es, `dataset_id IN (`+placeholders(len(ids))+`)`, ids...)
	return es, err
}

// datasetPageIDs returns the ids of the page of q's matches (cond), in q's
// order.
func (db *DB) datasetPageIDs(ctx context.Context, q opendata.DatasetQuery, terms []string, cond string, args []any) ([]any, error) {
	score, scoreArgs := relevance(terms)
	limit := q.Limit
	if limit <= 0 {
		limit = datasetDefaultLimit
	}
	all := append(append(scoreArgs, args...), min(limit, datasetMaxLimit), max(q.Offset, 0))
	rows, err := db.query(ctx, `SELECT d.id, `+score+` AS score FROM datasets d WHERE `+cond+
		` ORDER BY `+datasetOrder(q, len(terms) > 0)+` LIMIT ? OFFSET ?`, all...)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	var ids []any
	for rows.Next() {
		var id string
		var s int
		if err := rows.Scan(&id, &s); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// relevance returns the score expression of a match of terms and its
// arguments: per term 4 for a title, 2 for a keyword, 1 for a description
// that has it. Without terms it is 0.
func relevance(terms []string) (string, []any) {
	if len(terms) == 0 {
		return "0", nil
	}
	parts := make([]string, len(terms))
	args := make([]any, 0, 3*len(terms))
	for i, t := range terms {
		parts[i] = `CASE WHEN d.search_title LIKE ? THEN 4 ELSE 0 END + CASE WHEN d.search_keywords LIKE ? THEN 2 ELSE 0 END` +
			` + CASE WHEN d.search_body LIKE ? THEN 1 ELSE 0 END`
		p := "%" + t + "%"
		args = append(args, p, p, p)
	}
	return strings.Join(parts, " + "), args
}

// datasetOrder returns the ORDER BY of q's sort; relevance needs search
// words and is otherwise "modified". Every order ends with the id, so
// pages never overlap.
func datasetOrder(q opendata.DatasetQuery, words bool) string {
	sort := q.Sort
	if sort == "" || sort == "relevance" && !words {
		sort = "modified"
		if words {
			sort = "relevance"
		}
	}
	switch sort {
	case "relevance":
		return `score DESC, d.updated_at DESC, d.id`
	case "title":
		if q.Lang == "en" {
			return `d.title_key_en, d.id`
		}
		return `d.title_key_sv, d.id`
	case "created":
		return `d.created_at DESC, d.id`
	}
	return `d.updated_at DESC, d.id`
}

// storableFacets drops the facet values no dataset can have because the
// database cannot even hold them (invalid UTF-8, NUL characters, which
// PostgreSQL refuses as parameters). It reports false when the query can
// then match nothing: a theme or format every match must have, or
// licences of which none is left.
func storableFacets(q opendata.DatasetQuery) (opendata.DatasetQuery, bool) {
	storable := func(v string) bool { return utf8.ValidString(v) && !strings.ContainsRune(v, 0) }
	for _, v := range slices.Concat(q.Themes, q.Formats) {
		if !storable(v) {
			return q, false
		}
	}
	if len(q.Licences) > 0 {
		kept := slices.DeleteFunc(slices.Clone(q.Licences), func(v string) bool { return !storable(v) })
		if len(kept) == 0 {
			return q, false
		}
		q.Licences = kept
	}
	return q, true
}
