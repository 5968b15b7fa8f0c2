package ckan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// lastRecordKeys is the oracle of streamParams' keys: the keys of the
// first record of the last "records" of a JSON object, in the order
// written, each once.
func lastRecordKeys(raw []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimSpace(raw)))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil
		}
		var v json.RawMessage
		if dec.Decode(&v) != nil {
			return nil
		}
		if t != "records" {
			continue
		}
		keys = nil
		var recs []json.RawMessage
		if json.Unmarshal(v, &recs) != nil || len(recs) == 0 {
			continue
		}
		rd := json.NewDecoder(bytes.NewReader(recs[0]))
		if t, err := rd.Token(); err != nil || t != json.Delim('{') {
			continue
		}
		for rd.More() {
			k, _ := rd.Token()
			var skip json.RawMessage
			_ = rd.Decode(&skip)
			if s, ok := k.(string); ok && !slices.Contains(keys, s) {
				keys = append(keys, s)
			}
		}
	}
	return keys
}

// TestStreamParams checks that datastore_create's streaming reader reads
// what the whole-body reader reads, with the first record's key order.
func TestStreamParams(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, ct, body string
		keys           []string
		err            string
	}{
		{"records", "application/json", `{"resource_id": "x", "records": [{"Ö": "x", "A": 1, "B": 1.5}, {"Ö": "y"}], "fields": []}`,
			[]string{"Ö", "A", "B"}, ""},
		{"no records", "application/json", ` {"resource_id": "x"} `, nil, ""},
		{"empty", "application/json", "  \n", nil, ""},
		{"form", "application/x-www-form-urlencoded", "resource_id=x&records=1", nil, ""},
		{"form as JSON", "application/x-www-form-urlencoded", `{"records": [{"b": 1, "a": 2}]}`, []string{"b", "a"}, ""},
		{"unicode space first", "", "\u00a0{\"records\": [{\"b\": 1}]}\u00a0", []string{"b"}, ""},
		{"records no list", "", `{"records": {"a": 1}}`, nil, ""},
		{"first record no object", "", `{"records": [1, {"a": 1}]}`, nil, ""},
		{"list", "", `[1]`, nil, "decoded to a list"},
		{"two values", "", `{} {}`, nil, "more than one JSON value"},
		{"broken", "", `{"records": [{"a": 1}`, nil, "Error decoding JSON data"},
		{"too large", "", `{"records": [{"a": "` + strings.Repeat("x", 200) + `"}]}`, nil, "larger than 100 bytes"},
		{"too large by its spaces", "", `{"a": 1}` + strings.Repeat(" ", 200), nil, "larger than 100 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, keys, err := streamParams(strings.NewReader(tt.body), tt.ct, 100)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one saying %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("error %v", err)
			}
			want, err := bytesParams(tt.ct, []byte(tt.body))
			if err != nil || !reflect.DeepEqual(p, want) {
				t.Errorf("params %v, want %v (%v)", p, want, err)
			}
			if !slices.Equal(keys, tt.keys) {
				t.Errorf("keys %q, want %q", keys, tt.keys)
			}
		})
	}
}

// FuzzStreamParams checks on any body that the streaming reader and the
// whole-body reader agree: both fail, or both give the same parameters,
// and the keys are those of the first record, in order.
func FuzzStreamParams(f *testing.F) {
	f.Add("application/json", []byte(`{"x": 1, "records": [{"b": 1, "a": [2]}]}`))
	f.Add("application/json", []byte(`{"records": []}`))
	f.Add("application/json", []byte(`{"records": [`))
	f.Add("application/json", []byte(`{"records": [{"a": 1, "a": 2}], "records": [{"c": null}]} ]`))
	f.Add("application/x-www-form-urlencoded", []byte(`records=1`))
	f.Add("", []byte("\u00a0{}\u00a0"))
	f.Add("", []byte("{}\u00a0]"))
	f.Fuzz(func(t *testing.T, ct string, body []byte) {
		const limit = 1 << 12
		p, keys, err := streamParams(bytes.NewReader(body), ct, limit)
		var want params
		b, werr := readBody(bytes.NewReader(body), limit)
		if werr == nil {
			want, werr = bytesParams(ct, b)
		}
		if (err == nil) != (werr == nil) {
			t.Fatalf("stream error %v, whole-body error %v", err, werr)
		}
		if err != nil {
			return
		}
		if !reflect.DeepEqual(p, want) {
			t.Fatalf("stream %v, whole body %v", p, want)
		}
		if ct == "application/x-www-form-urlencoded" && !bytes.HasPrefix(bytes.TrimSpace(body), []byte("{")) {
			return
		}
		if oracle := lastRecordKeys(body); !slices.Equal(keys, oracle) {
			t.Fatalf("keys %q, want %q", keys, oracle)
		}
	})
}

// genBody is a datastore_create body of n records of long texts,
// generated as it is read, so that only the reader's allocations count.
func genBody(n int) io.Reader {
	head := strings.NewReader(`{"resource_id": "x", "records": [`)
	recs := make([]io.Reader, 0, n+2)
	recs = append(recs, head)
	text := strings.Repeat("Vattenprov från Domsjö badplats ", 8)
	for i := range n {
		sep := ","
		if i == 0 {
			sep = ""
		}
		recs = append(recs, strings.NewReader(fmt.Sprintf(`%s{"Badplats": %q, "Nr": %d}`, sep, text, i)))
	}
	recs = append(recs, strings.NewReader(`]}`))
	return io.MultiReader(recs...)
}

// TestStreamParamsMemory checks that datastore_create's body is decoded
// without holding its text: what the streaming reader allocates is little
// more than the decoded records, less than half of what reading the body
// whole and decoding it allocates. (Not parallel: it reads the process's
// allocation counter.)
func TestStreamParamsMemory(t *testing.T) {
	const n = 20_000 // about 5 MB of JSON
	allocated := func(read func(io.Reader) (params, error)) uint64 {
		t.Helper()
		r := genBody(n)
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		p, err := read(r)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		if l, _ := p["records"].([]any); len(l) != n {
			t.Fatalf("%d records, want %d", len(l), n)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	stream := allocated(func(r io.Reader) (params, error) {
		p, _, err := streamParams(r, "application/json", 32<<20)
		return p, err
	})
	whole := allocated(func(r io.Reader) (params, error) {
		b, err := readBody(r, 32<<20)
		if err != nil {
			return nil, err
		}
		return bytesParams("application/json", b)
	})
	if stream*2 > whole {
		t.Errorf("streaming allocated %d MB, reading whole %d MB: want less than half", stream>>20, whole>>20)
	}
	t.Logf("streaming allocated %.1f MB, reading whole %.1f MB", float64(stream)/(1<<20), float64(whole)/(1<<20))
}
