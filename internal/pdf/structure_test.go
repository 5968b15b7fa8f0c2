package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// object is one object of a file as the test reads it back: its dictionary
// (the first line) and its stream, decompressed.
type object struct {
	dict   string
	stream []byte
}

// readObjects reads every object of file through its cross-reference
// table, which checks the table's offsets too.
func readObjects(t *testing.T, file []byte) map[int]object {
	t.Helper()
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(file)
	if m == nil {
		t.Fatal("no startxref at the end")
	}
	at, _ := strconv.Atoi(string(m[1]))
	entries := regexp.MustCompile(`(\d{10}) 00000 n `).FindAllSubmatch(file[at:], -1)
	objs := map[int]object{}
	for i, e := range entries {
		off, _ := strconv.Atoi(string(e[1]))
		head := strconv.Itoa(i+1) + " 0 obj\n"
		if !bytes.HasPrefix(file[off:], []byte(head)) {
			t.Fatalf("object %d is not at offset %d", i+1, off)
		}
		rest := file[off+len(head):]
		dict, after, _ := bytes.Cut(rest, []byte("\n"))
		o := object{dict: string(dict)}
		if bytes.HasPrefix(after, []byte("stream\n")) {
			n, _ := strconv.Atoi(regexp.MustCompile(`/Length (\d+)`).FindStringSubmatch(o.dict)[1])
			o.stream = after[len("stream\n") : len("stream\n")+n]
			if strings.Contains(o.dict, "/FlateDecode") {
				z, err := zlib.NewReader(bytes.NewReader(o.stream))
				if err != nil {
					t.Fatalf("object %d: %v", i+1, err)
				}
				if o.stream, err = io.ReadAll(z); err != nil {
					t.Fatalf("object %d: %v", i+1, err)
				}
			}
		}
		objs[i+1] = o
	}
	return objs
}

var (
	refRe   = regexp.MustCompile(`(\d+) 0 R`)
	kidsRe  = regexp.MustCompile(`/K \[([^\]]*)\]`)
	mcrRe   = regexp.MustCompile(`<< /Type /MCR /Pg \d+ 0 R /MCID \d+ >>`)
	numsRe  = regexp.MustCompile(`(\d+) \[([^\]]*)\]`)
	markRe  = regexp.MustCompile(`^/(\w+) <</MCID (\d+)>> BDC$`)
	typeRe  = regexp.MustCompile(`/S /(\w+) `)
	allowed = map[string]bool{"Document": true, "H1": true, "H2": true, "H3": true, "P": true, "L": true, "LI": true, "Lbl": true, "LBody": true,
		"Table": true, "Caption": true, "TR": true, "TH": true, "TD": true}
)

// TestStructureTree reads the structure tree back from the file: every text
// is in marked content with an MCID or in an artifact, and the MCIDs of the
// pages, the parent tree and the structure elements agree.
func TestStructureTree(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		doc  Document
	}{
		{"receipt", receipt(8)},
		{"long receipt", receipt(60)},
		{"every kind", Document{Title: "Alla", Lang: "sv-SE", Blocks: []Block{
			{Kind: H1, Text: "Rubrik"}, {Kind: H2, Text: "Under"}, {Kind: H3, Text: "Minst"},
			{Text: "Text"}, {Kind: Small, Text: "Liten"}, {Kind: Field, Label: "Namn", Text: "Åsa"},
			{Kind: List, Items: []string{"a", "b"}}, {Kind: Blank, Label: "Skriv", Lines: 3},
			{Kind: PageBreak}, {Kind: Checkboxes, Label: "Välj", Items: []string{"Ja", "Nej"}},
		}}},
		{"empty", Document{Title: "Tom", Lang: "sv"}},
		{"table", reportTable(5)},
		{"long table", reportTable(120)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, file := render(t, tt.doc)
			objs := readObjects(t, file)
			marks := map[int]int{} // StructParents key → number of MCIDs on that page
			pt := map[int]int{}    // the same, as the parent tree says
			var parentTree, inTree, elems int
			for num, o := range objs {
				switch {
				case strings.HasPrefix(o.dict, "<< /Type /Page "):
					for _, want := range []string{"/Tabs /S", "/StructParents "} {
						if !strings.Contains(o.dict, want) {
							t.Errorf("page %d lacks %s: %s", num, want, o.dict)
						}
					}
					key, _ := strconv.Atoi(regexp.MustCompile(`/StructParents (\d+)`).FindStringSubmatch(o.dict)[1])
					content, _ := strconv.Atoi(regexp.MustCompile(`/Contents (\d+) 0 R`).FindStringSubmatch(o.dict)[1])
					marks[key] = checkContent(t, objs[content].stream)
				case strings.HasPrefix(o.dict, "<< /Type /StructElem "):
					elems++
					typ := typeRe.FindStringSubmatch(o.dict)[1]
					if !allowed[typ] {
						t.Errorf("element %d has the type %s", num, typ)
					}
					k := kidsRe.FindStringSubmatch(o.dict)[1]
					mcrs := len(mcrRe.FindAllString(k, -1))
					bare := len(strings.Fields(refRe.ReplaceAllString(mcrRe.ReplaceAllString(k, ""), "")))
					inTree += mcrs + bare
					if (mcrs+bare > 0) != strings.Contains(o.dict, "/Pg ") {
						t.Errorf("element %d has marked content but no /Pg, or the other way: %s", num, o.dict)
					}
				case strings.Contains(o.dict, "/Nums ["):
					for _, n := range numsRe.FindAllStringSubmatch(o.dict, -1) {
						key, _ := strconv.Atoi(n[1])
						pt[key] = len(refRe.FindAllString(n[2], -1))
						parentTree += pt[key]
					}
				}
			}
			total := 0
			for key, n := range marks {
				total += n
				if pt[key] != n {
					t.Errorf("page %d has %d MCIDs, the parent tree %d", key, n, pt[key])
				}
			}
			if total != inTree || total != parentTree {
				t.Errorf("MCIDs: %d in the pages, %d in the elements, %d in the parent tree", total, inTree, parentTree)
			}
			if elems < 1+total/10 {
				t.Errorf("%d structure elements for %d MCIDs", elems, total)
			}
			for _, want := range []string{"/MarkInfo << /Marked true >>", "/Lang (" + tt.doc.Lang + ")",
				"/DisplayDocTitle true", "<pdfuaid:part>1</pdfuaid:part>", "/StructTreeRoot "} {
				if !bytes.Contains(file, []byte(want)) {
					t.Errorf("the file lacks %s", want)
				}
			}
		})
	}
}

// checkContent checks that every text and drawing of a content stream is
// in exactly one marked-content sequence, that the MCIDs count up from 0,
// and returns how many there are.
func checkContent(t *testing.T, content []byte) int {
	t.Helper()
	depth, mcids := 0, 0
	for line := range strings.Lines(string(content)) {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasSuffix(line, "BDC"):
			depth++
			if m := markRe.FindStringSubmatch(line); m != nil {
				if m[2] != strconv.Itoa(mcids) {
					t.Errorf("MCID %s, want %d", m[2], mcids)
				}
				mcids++
			} else if !strings.HasPrefix(line, "/Artifact ") {
				t.Errorf("marked content is neither an MCID nor an artifact: %s", line)
			}
		case line == "EMC":
			depth--
		default:
			if depth != 1 {
				t.Errorf("at depth %d, not in one marked-content sequence: %s", depth, line)
			}
		}
	}
	if depth != 0 {
		t.Errorf("%d marked-content sequences left open", depth)
	}
	return mcids
}
