package dataexport

import (
	"io"

	"sprang/internal/opendata"
)

// jsonWriter writes CKAN's dump JSON: an object with "fields", the
// columns as {"id": name, "type": type}, and "records", one array of
// values per row, each record on a line of its own.
type jsonWriter struct {
	out
	bom   bool
	cols  []opendata.Column
	first bool
}

func newJSON(w io.Writer, opts Options) *jsonWriter {
	return &jsonWriter{out: out{w: w, buf: make([]byte, 0, flushAt+4096)}, bom: opts.BOM, first: true}
}

func (j *jsonWriter) Begin(cols []opendata.Column) error {
	j.cols = cols
	if j.bom {
		j.buf = append(j.buf, bom...)
	}
	j.buf = append(j.buf, `{"fields":[`...)
	for i, c := range cols {
		if i > 0 {
			j.buf = append(j.buf, ',')
		}
		j.buf = append(j.buf, `{"id":`...)
		j.buf = AppendJSONString(j.buf, c.Name)
		j.buf = append(j.buf, `,"type":`...)
		j.buf = AppendJSONString(j.buf, string(c.Type))
		j.buf = append(j.buf, '}')
	}
	j.buf = append(j.buf, "],\n\"records\":["...)
	return j.flush(false)
}

func (j *jsonWriter) Row(r opendata.Row) error {
	if err := rowLength(r, j.cols); err != nil {
		return err
	}
	if j.first {
		j.buf = append(j.buf, "\n["...)
		j.first = false
	} else {
		j.buf = append(j.buf, ",\n["...)
	}
	for i, raw := range r {
		if i > 0 {
			j.buf = append(j.buf, ',')
		}
		v, err := value(raw, j.cols[i])
		if err != nil {
			return err
		}
		j.buf = AppendJSONValue(j.buf, v)
	}
	j.buf = append(j.buf, ']')
	return j.flush(false)
}

func (j *jsonWriter) End() error {
	j.buf = append(j.buf, "\n]}\n"...)
	return j.flush(true)
}
