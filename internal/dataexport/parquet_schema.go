package dataexport

import (
	"reflect"
	"strings"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/encoding"
)

// orderedGroup is a Parquet group whose fields keep the order given:
// parquet.Group is a map and sorts its fields by name, but a download
// should have the table's columns in the table's order. Rows are written
// as parquet.Row values, so the group is never mapped to Go values.
type orderedGroup []parquet.Field

func (g orderedGroup) ID() int { return 0 }

func (g orderedGroup) String() string {
	var b strings.Builder
	b.WriteString("group {")
	for i, f := range g {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.Name())
	}
	b.WriteString("}")
	return b.String()
}

func (g orderedGroup) Type() parquet.Type { return parquet.Group(nil).Type() }

func (g orderedGroup) Optional() bool { return false }

func (g orderedGroup) Repeated() bool { return false }

func (g orderedGroup) Required() bool { return true }

func (g orderedGroup) Leaf() bool { return false }

func (g orderedGroup) Fields() []parquet.Field { return g }

func (g orderedGroup) Encoding() encoding.Encoding { return nil }

func (g orderedGroup) Compression() compress.Codec { return nil }

// GoType returns a map type: the group's names need not be Go
// identifiers, and no Go value is ever built from it.
func (g orderedGroup) GoType() reflect.Type { return reflect.TypeFor[map[string]any]() }

// field is one named column of an orderedGroup.
type field struct {
	parquet.Node
	name string
}

func (f field) Name() string { return f.name }

// Value is never called: rows are written as parquet.Row values.
func (f field) Value(base reflect.Value) reflect.Value {
	return base.MapIndex(reflect.ValueOf(f.name))
}
