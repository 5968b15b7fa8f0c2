// Package shacltest validates RDF in tests with a real SHACL engine: the
// npm package rdf-validate-shacl, run by scripts/shacl/validate.mjs under
// Node.js, against the DCAT-AP 3.0.1 shapes (the consolidated shapes and
// class ranges, and the split shapes with the controlled-vocabulary checks),
// the DCAT-AP-SE additions and, for high-value datasets, the DCAT-AP HVD
// shapes, with the EU vocabularies loaded into the data graph. The shapes
// and vocabularies are copies kept in internal/dcat/testdata/standards, so
// the tests need no network.
//
// Without node or the npm packages (scripts/deps.sh installs them) the
// tests skip, except with CI=true, where that fails them.
package shacltest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Doc is one RDF document to validate: its bytes and syntax ("turtle",
// "rdfxml" or "jsonld"); Name labels it in messages.
type Doc struct {
	Name   string
	Data   []byte
	Format string
}

// Result is one SHACL validation result, as the script reports it.
type Result struct {
	FocusNode string `json:"focusNode"`
	Path      string `json:"path"`
	Value     string `json:"value"`
	Message   string `json:"message"`
	Component string `json:"component"`
	Shape     string `json:"shape"`
}

// String returns the result as one line of plain text.
func (r Result) String() string {
	s := r.FocusNode + " " + r.Path
	if r.Value != "" {
		s += " = " + r.Value
	}
	s += ": " + r.Component
	if r.Message != "" {
		s += " (" + r.Message + ")"
	}
	return s
}

// Report is the validation report of one document. Violations make it
// non-conforming; Warnings are the recommended properties missing and the
// advice of the shapes.
type Report struct {
	File       string   `json:"file"`
	Conforms   bool     `json:"conforms"`
	Triples    int      `json:"triples"`   // distinct triples of the document
	GraphHash  string   `json:"graphHash"` // the same for documents of the same graph
	Violations []Result `json:"violations"`
	Warnings   []Result `json:"warnings"`
	Infos      []Result `json:"infos"`
}

// Validate validates one document and fails t with each violation in plain
// text. hvd adds the DCAT-AP HVD shapes, which apply to every dataset and
// distribution of the document. It returns the report for further checks.
func Validate(t testing.TB, data []byte, format string, hvd bool) Report {
	t.Helper()
	r := Run(t, hvd, Doc{Name: "data", Data: data, Format: format})[0]
	for _, v := range r.Violations {
		t.Errorf("SHACL violation (%s): %s", format, v)
	}
	return r
}

// Run validates several documents in one run of the validator (the shapes
// and vocabularies are read once) and returns their reports in order,
// without failing t on violations. It fails t when the validator cannot
// run or a document does not parse, and skips it when node or the npm
// packages are missing outside CI.
func Run(t testing.TB, hvd bool, docs ...Doc) []Report {
	t.Helper()
	root := repoRoot()
	node := available(t, root)
	dir := t.TempDir()
	args := []string{filepath.Join(root, "scripts", "shacl", "validate.mjs")}
	for _, s := range Shapes(hvd) {
		args = append(args, "--shapes", s)
	}
	for _, v := range Vocabularies() {
		args = append(args, "--vocab", v)
	}
	for i, d := range docs {
		name := filepath.Join(dir, fmt.Sprintf("doc%d%s", i, extension(d.Format)))
		if err := os.WriteFile(name, d.Data, 0o600); err != nil {
			t.Fatalf("shacltest: %v", err)
		}
		args = append(args, name)
	}
	return run(t, node, args, docs)
}

// RunFiles validates files as they are (Turtle, RDF/XML or JSON-LD by
// extension), like Run.
func RunFiles(t testing.TB, hvd bool, files ...string) []Report {
	t.Helper()
	root := repoRoot()
	node := available(t, root)
	args := []string{filepath.Join(root, "scripts", "shacl", "validate.mjs")}
	for _, s := range Shapes(hvd) {
		args = append(args, "--shapes", s)
	}
	for _, v := range Vocabularies() {
		args = append(args, "--vocab", v)
	}
	docs := make([]Doc, len(files))
	for i, f := range files {
		docs[i] = Doc{Name: f}
	}
	return run(t, node, append(args, files...), docs)
}

func run(t testing.TB, node string, args []string, docs []Doc) []Report {
	t.Helper()
	cmd := exec.Command(node, args...) // #nosec G204 -- our own script and temporary files
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	violations := errors.As(err, &exit) && exit.ExitCode() == 1 // the documents parsed; some do not conform
	if err != nil && !violations {
		t.Fatalf("shacltest: validate.mjs: %v\n%s", err, stderr.String())
	}
	var out struct {
		Reports []Report `json:"reports"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("shacltest: read the report: %v\n%s", err, stderr.String())
	}
	if len(out.Reports) != len(docs) {
		t.Fatalf("shacltest: %d reports for %d documents", len(out.Reports), len(docs))
	}
	for i := range out.Reports {
		out.Reports[i].File = docs[i].Name
	}
	return out.Reports
}

// available returns the node binary, or skips t (fails it with CI=true)
// when node or the npm packages are missing.
func available(t testing.TB, root string) string {
	t.Helper()
	node, err := exec.LookPath("node")
	missing := ""
	switch {
	case err != nil:
		missing = "node is not installed"
	default:
		if _, err := os.Stat(filepath.Join(root, "node_modules", "rdf-validate-shacl", "package.json")); err != nil {
			missing = "node_modules/rdf-validate-shacl is missing (run scripts/deps.sh)"
		}
	}
	if missing != "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shacltest: %s", missing)
		}
		t.Skipf("shacltest: %s", missing)
	}
	return node
}

func extension(format string) string {
	switch strings.ToLower(format) {
	case "turtle", "ttl":
		return ".ttl"
	case "jsonld", "json-ld":
		return ".jsonld"
	default:
		return ".rdf"
	}
}

// here is this package's directory.
func here() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

func repoRoot() string { return filepath.Join(here(), "..", "..", "..") }

// StandardsDir returns the directory of the copied standards files.
func StandardsDir() string { return filepath.Join(here(), "..", "testdata", "standards") }

// Shapes returns the shapes files validation uses: DCAT-AP 3.0.1 (the
// consolidated shapes with their class ranges, and the split shapes —
// mandatory, recommended (warnings), ranges, controlled vocabularies,
// deprecated IRIs), the DCAT-AP-SE additions, and with hvd the DCAT-AP HVD
// 3.0.0 shapes.
func Shapes(hvd bool) []string {
	d := StandardsDir()
	s := []string{
		filepath.Join(d, "dcat-ap", "3.0.1", "dcat-ap-SHACL.ttl"),
		filepath.Join(d, "dcat-ap", "3.0.1", "ranges.ttl"),
		filepath.Join(d, "dcat-ap", "3.0.1", "html-shacl", "shapes.ttl"),
		filepath.Join(d, "dcat-ap", "3.0.1", "html-shacl", "shapes_recommended.ttl"),
		filepath.Join(d, "dcat-ap", "3.0.1", "html-shacl", "range.ttl"),
		filepath.Join(d, "dcat-ap", "3.0.1", "html-shacl", "mdr-vocabularies.shape.ttl"),
		filepath.Join(d, "dcat-ap", "3.0.1", "html-shacl", "deprecateduris.ttl"),
		filepath.Join(d, "dcat-ap-se", "shacl", "dcat-ap-se-additions.ttl"),
	}
	if hvd {
		s = append(s, filepath.Join(d, "dcat-ap", "3.0.0-hvd", "hvd-SHACL.ttl"))
	}
	return s
}

// Vocabularies returns the EU vocabularies loaded into every data graph:
// data themes, access rights, frequencies, file types and languages.
func Vocabularies() []string {
	d := filepath.Join(StandardsDir(), "dcat-ap-se", "vocabularies")
	return []string{
		filepath.Join(d, "data-theme-skos.rdf"),
		filepath.Join(d, "access-right-skos.rdf"),
		filepath.Join(d, "frequency.rdf"),
		filepath.Join(d, "file-type.rdf"),
		filepath.Join(d, "language.rdf"),
	}
}
