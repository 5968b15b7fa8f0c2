package eservice_test

import (
	"bytes"
	"os"
	"slices"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"sprang/internal/eservice"
)

// schemaPath is the JSON Schema of the export format.
const schemaPath = "../../docs/eservice.schema.json"

// compileSchema compiles docs/eservice.schema.json.
func compileSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("read %s: %v", schemaPath, err)
	}
	const url = "https://sprang.example.se/schema/eservice/1"
	c := jsonschema.NewCompiler()
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compile %s: %v", schemaPath, err)
	}
	return sch
}

// schemaValid validates an exported file against the schema.
func schemaValid(t testing.TB, sch *jsonschema.Schema, b []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

func export(t testing.TB, s eservice.Spec) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := eservice.Export(&out, s); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// schemaRejects names the cases of allSpecCases the schema can see too.
var schemaRejects = []string{
	"slug with capitals", "slug too long", "no title", "title too long", "no summary", "unknown category",
	"too many keywords", "blank keyword", "long keyword", "bad unit", "class 4", "class -1", "class 2 anonymous",
	"class 2 with e-mail login", "class 3 at loa2", "class 3 with an e-mail receipt", "class 3 anonymous too",
	"login required and anonymous", "unknown level of assurance", "no purpose", "no controller", "retention 0 months",
	"retention 1201 months", "retention by burning", "target 0 days", "target 3651 days", "minutes negative",
	"minutes 601", "bad phone", "no statuses", "two received", "none decided", "none closed", "bad id", "no label",
	"unknown kind", "too many statuses", "no pages", "31 pages", "bad page id", "no page title", "page without questions",
	"61 questions", "bad question id", "question id too long", "unknown type", "required information", "options on text",
	"choice with one option", "multichoice without options", "51 options", "bad option value", "option without label",
	"unknown display", "display on multichoice", "min length on number", "max length on number", "long text max 20001",
	"negative min length", "min on text", "max on yes/no", "pattern too long", "pattern without message",
	"pattern on number", "file without a rule", "file of no types", "zip file", "file type twice", "file of 0 bytes",
	"file over 20 MiB", "file rule on text", "empty group", "group repeated 51 times", "questions in a text",
	"max repeat on text", "no values", "eleven conditions",
}

// exportRepairs names the cases of allSpecCases that Export mends: it
// sets the format, leaves out blank optional texts and writes invalid
// UTF-8 as U+FFFD.
var exportRepairs = map[string]bool{"other format": true, "about blank": true, "title not UTF-8": true}

// TestSchemaAgreesWithValidate exports every spec of the tests and checks
// that the schema accepts every valid one and rejects the invalid ones it
// can see, as Import does.
func TestSchemaAgreesWithValidate(t *testing.T) {
	t.Parallel()
	sch := compileSchema(t)
	names := map[string]bool{}
	for _, tt := range allSpecCases() {
		names[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := felanmalan(t)
			tt.change(&s)
			b := export(t, s)
			_, importErr := eservice.Import(bytes.NewReader(b))
			schemaErr := schemaValid(t, sch, b)
			switch {
			case tt.want == nil && schemaErr != nil:
				t.Errorf("schema rejects a valid spec: %v", schemaErr)
			case tt.want == nil && importErr != nil:
				t.Errorf("Import rejects a valid spec: %v", importErr)
			case tt.want != nil && importErr == nil && !exportRepairs[tt.name]:
				t.Error("Import accepts an invalid spec")
			case tt.want != nil && slices.Contains(schemaRejects, tt.name) && schemaErr == nil:
				t.Error("schema accepts an invalid spec")
			}
		})
	}
	for _, n := range schemaRejects {
		if !names[n] {
			t.Errorf("schemaRejects names no case %q", n)
		}
	}
	if err := schemaValid(t, sch, export(t, minimal())); err != nil {
		t.Errorf("schema rejects the minimal spec: %v", err)
	}
}

// TestSchemaRejectsBrokenFiles checks files that are not exports at all.
func TestSchemaRejectsBrokenFiles(t *testing.T) {
	t.Parallel()
	sch := compileSchema(t)
	good := felanmalanBytes(t)
	if err := schemaValid(t, sch, good); err != nil {
		t.Fatalf("schema rejects %s: %v", felanmalanPath, err)
	}
	for name, b := range map[string][]byte{
		"unknown field":        bytes.Replace(good, []byte(`"slug":`), []byte(`"colour": "red", "slug":`), 1),
		"unknown nested field": bytes.Replace(good, []byte(`"id": "typ",`), []byte(`"id": "typ", "colour": "red",`), 1),
		"newer version":        bytes.Replace(good, []byte(`"sprang-eservice/1"`), []byte(`"sprang-eservice/2"`), 1),
		"wrong type":           bytes.Replace(good, []byte(`"classification": 1`), []byte(`"classification": "ett"`), 1),
		"not an object":        []byte(`[]`),
		"another kind of file": []byte(`{"name": "package", "version": "1.0.0"}`),
		"no form":              bytes.Replace(good, []byte(`"form": {`), []byte(`"x": {`), 1),
		"fractional class":     bytes.Replace(good, []byte(`"classification": 1`), []byte(`"classification": 1.5`), 1),
	} {
		if schemaValid(t, sch, b) == nil {
			t.Errorf("%s: schema accepts it", name)
		}
		if _, err := eservice.Import(bytes.NewReader(b)); err == nil {
			t.Errorf("%s: Import accepts it", name)
		}
	}
}

// TestFormatDocExample imports the example of docs/ESERVICE-FORMAT.md and
// checks it against the schema, so the documentation stays true.
func TestFormatDocExample(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../../docs/ESERVICE-FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	start := bytes.Index(doc, []byte("```json\n{\n  \"format\""))
	if start < 0 {
		t.Fatal("docs/ESERVICE-FORMAT.md has no complete example")
	}
	body := doc[start+len("```json\n"):]
	body = body[:bytes.Index(body, []byte("```"))]
	if _, err := eservice.Import(bytes.NewReader(body)); err != nil {
		t.Errorf("the example does not import: %v (%v)", err, eservice.MessageArgs(err))
	}
	if err := schemaValid(t, compileSchema(t), body); err != nil {
		t.Errorf("the example is not valid by the schema: %v", err)
	}
}
