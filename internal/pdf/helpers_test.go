package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// receipt returns a receipt of an errand with the given number of fields,
// as the e-services write them.
func receipt(fields int) Document {
	d := Document{
		Title:   "Kvitto: Ansökan om bygglov",
		Lang:    "sv-SE",
		Author:  "Exempelby kommun",
		Subject: "Kvitto på inskickat ärende",
		Created: time.Date(2026, 3, 3, 14, 5, 0, 0, time.FixedZone("CET", 3600)),
		Blocks: []Block{
			{Kind: H1, Text: "Kvitto: Ansökan om bygglov"},
			{Text: "Vi har tagit emot din ansökan. Spara kvittot: ärendenumret behövs om du kontaktar oss."},
			{Kind: H2, Text: "Dina uppgifter"},
		},
	}
	for i := range fields {
		d.Blocks = append(d.Blocks, Block{Kind: Field, Label: fmt.Sprintf("Fråga %d: Beskriv åtgärden", i+1),
			Text: strings.Repeat("Tillbyggnad av förråd på 12 m² mot tomtgränsen i öster. ", 1+i%4)})
	}
	d.Blocks = append(d.Blocks,
		Block{Kind: List, Label: "Bilagor", Items: []string{"ritning.pdf", "situationsplan.pdf"}},
		Block{Kind: Small, Text: "Kvittot skapades automatiskt av Språnget."})
	return d
}

// render writes d to a file in a temporary folder and returns its path and
// its bytes.
func render(t testing.TB, d Document) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	n, err := d.WriteTo(&buf)
	if err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	if n != int64(buf.Len()) {
		t.Fatalf("WriteTo returned %d, wrote %d bytes", n, buf.Len())
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

// tool returns the path of a program the test needs. Without it the test
// skips, or fails when CI is "true".
func tool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		pkg := "poppler-utils"
		if name == "qpdf" {
			pkg = "qpdf"
		}
		msg := fmt.Sprintf("%s not found (Debian package %s; scripts/deps.sh installs it)", name, pkg)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return path
}

// run runs a program and returns what it printed. It fails the test if the
// program fails or complains on standard error.
func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(tool(t, name), args...) // #nosec G204 -- fixed programs
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("%s %s complained:\n%s", name, strings.Join(args, " "), stderr.String())
	}
	return stdout.String()
}

// info returns the fields pdfinfo prints about the file at path.
func info(t testing.TB, path string) map[string]string {
	t.Helper()
	fields := map[string]string{}
	for line := range strings.Lines(run(t, "pdfinfo", path)) {
		if k, v, ok := strings.Cut(line, ":"); ok {
			fields[k] = strings.TrimSpace(v)
		}
	}
	return fields
}

// words returns text with every run of white space made one space.
func words(text string) string { return strings.Join(strings.Fields(text), " ") }
