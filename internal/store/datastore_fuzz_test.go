package store_test

import (
	"strings"
	"testing"

	"sprang"
	"sprang/internal/opendata"
	"sprang/internal/store/storetest"
)

// FuzzDatastoreSearch feeds arbitrary field names, values, sort keys and
// search words through DatastoreSearch on SQLite (on PostgreSQL with
// SPRANG_TEST_DB=postgres). Whatever comes in, the
// search returns rows or an Invalid error, never a database error (which
// would mean that user text reached the SQL), returns only the upload's
// own columns, and leaves every other table as it was.
func FuzzDatastoreSearch(f *testing.F) {
	f.Add(fArea, "Domsjö", fTemp, true, "vatten", fArea+","+fCount, 10, 0, false)
	f.Add("c1", "x", "_id", false, "", "", 0, 0, true)
	f.Add(`c1"; DROP TABLE uploads; --`, "' OR 1=1 --", "c1 DESC; DELETE FROM ds_2", false, "%' OR '1'='1", "*", -1, -5, false)
	f.Add("_id", "1", "rowid", true, "[a-z]* ? \\", "ds_2,_id", 32001, 3, true)
	f.Add(fComment, "\x00\xff", fDate, false, "\x00 \xff ~ (?i) ***:", fComment+","+fComment, 1, 1<<40, false)
	db := storetest.OpenEngine(f, storetest.Selected())
	up := dsLoad(f, db, dsUpload(f, db), measureCols, measureRows)
	other := dsLoad(f, db, dsUpload(f, db), measureCols[:2], []opendata.Row{{"Husum", 1.5}})
	f.Fuzz(func(t *testing.T, field, value, sortField string, desc bool, q, fields string, limit, offset int, distinct bool) {
		query := opendata.Query{
			Filters:  []opendata.Filter{{Field: field, Values: []any{value}}},
			Q:        q,
			Sort:     []opendata.SortKey{{Field: sortField, Desc: desc}},
			Limit:    limit,
			Offset:   offset,
			Distinct: distinct,
		}
		if fields != "" {
			query.Fields = strings.Split(fields, ",")
		}
		for _, qu := range []opendata.Query{query, {Q: q}, {Sort: query.Sort}, {Fields: query.Fields, Distinct: distinct}, {Filters: query.Filters}} {
			res, err := db.DatastoreSearch(t.Context(), up, qu)
			if err != nil {
				if sprang.ErrorKind(err) != sprang.Invalid {
					t.Fatalf("%+v: err = %v, want rows or Invalid", qu, err)
				}
				continue
			}
			for _, c := range res.Columns {
				if c.Name != "_id" && !hasColumn(up.Columns, c.Name) {
					t.Fatalf("%+v: column %q is not the upload's", qu, c.Name)
				}
			}
		}
		res, err := db.DatastoreSearch(t.Context(), other, opendata.Query{IncludeTotal: true})
		if err != nil || res.Total != 1 {
			t.Fatalf("the other table changed: %v, %d rows", err, res.Total)
		}
		if u, err := db.UploadByID(t.Context(), up.ID); err != nil || u.LoadState != opendata.LoadDone {
			t.Fatalf("the upload changed: %v, %s", err, u.LoadState)
		}
	})
}

func hasColumn(cols []opendata.Column, name string) bool {
	for _, c := range cols {
		if c.Name == name {
			return true
		}
	}
	return false
}
