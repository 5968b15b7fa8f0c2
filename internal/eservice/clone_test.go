package eservice_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sprang/internal/eservice"
)

// TestSpecClone: a clone equals the original, and changing every
// reference-typed part of the clone leaves the original as it was.
func TestSpecClone(t *testing.T) {
	t.Parallel()
	orig := felanmalan(t)
	orig.Form.Pages = append(orig.Form.Pages, eservice.Page{ID: "extra", Title: sv("Extra"),
		ShowIf: []eservice.Condition{{Question: "typ", Values: []string{"a"}}},
		Questions: []eservice.Question{{ID: "grupp", Type: eservice.TypeGroup, Questions: []eservice.Question{
			{ID: "antal", Type: eservice.TypeNumber, Min: ptr(1), Max: ptr(9)},
			{ID: "fil", Type: eservice.TypeFile, File: &eservice.FileRule{Types: []string{"application/pdf"}, MaxBytes: 10}},
		}}}})
	before, err := json.Marshal(orig)
	if err != nil {
		t.Fatal(err)
	}
	c := orig.Clone()
	if diff := cmp.Diff(orig, c); diff != "" {
		t.Fatalf("clone differs (-orig +clone):\n%s", diff)
	}
	mutate(reflect.ValueOf(&c).Elem())
	after, err := json.Marshal(orig)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("changing the clone changed the original:\n%s", cmp.Diff(string(before), string(after)))
	}
}

// mutate changes every string, number and bool reachable from v through
// slices, pointers and structs, in place.
func mutate(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "!")
	case reflect.Int, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Float64:
		v.SetFloat(v.Float() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Pointer:
		if !v.IsNil() {
			mutate(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			mutate(v.Index(i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Field(i).CanSet() {
				mutate(v.Field(i))
			}
		}
	}
}
