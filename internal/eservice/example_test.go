package eservice_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"time"

	"sprang"
	"sprang/internal/eservice"
)

// Example follows a resident through the first page of the shared
// felanmälan spec: a problem to fix, the cleaned answers, the pages that
// follow and the rows of "check your answers".
func Example() {
	b, err := os.ReadFile("testdata/felanmalan.json")
	if err != nil {
		panic(err)
	}
	s, err := eservice.Import(bytes.NewReader(b))
	if err != nil {
		panic(err)
	}
	at := time.Date(2026, 3, 15, 12, 0, 0, 0, time.UTC)
	msgs := eservice.Messages()

	_, problems := s.Form.ReadPage(0, eservice.Answers{"typ": {"belysning"}, "fara": {"ja"}}, nil, at)
	for _, p := range problems {
		fmt.Printf("%s: %s\n", p.Field, msgs[p.Key].SV)
	}
	answers, _ := s.Form.ReadPage(0, eservice.Answers{"typ": {"belysning"}, "fara": {"no"}}, nil, at)
	fmt.Println("pages:", s.Form.VisiblePages(answers))
	page1, _ := s.Form.ReadPage(1, eservice.Answers{"antal_lampor": {"2,0"}}, answers, at)
	for k, v := range page1 {
		answers[k] = v
	}
	for _, r := range s.Form.Rows(answers, "sv") {
		if r.Value != "" {
			fmt.Printf("%s %s\n", r.Label.SV, r.Value)
		}
	}
	// Output:
	// fara: Välj ja eller nej.
	// pages: [0 1 3 4]
	// Vad gäller felet? Gatubelysning
	// Är felet farligt för någon just nu? Nej
	// Hur många lampor lyser inte? 2
}

// ExampleImport shows a refused file and the arguments of its message.
func ExampleImport() {
	_, err := eservice.Import(strings.NewReader("{\n  \"format\": \"sprang-eservice/1\",\n  \"slug\": ,\n}"))
	text := eservice.Messages()[sprang.ErrorMessage(err)]
	fmt.Printf(text.EN+"\n", eservice.MessageArgs(err)...)
	// Output:
	// The file is not valid JSON: there is an error on line 3, character 11. Correct the file or export the service again.
}
