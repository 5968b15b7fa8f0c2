package files_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"sprang"
	"sprang/internal/eservice"
	"sprang/internal/files"
	"sprang/internal/i18n"
	"sprang/internal/secret"
)

func testBox(t testing.TB, key string) *secret.Box {
	t.Helper()
	b, err := secret.NewBox(strings.Repeat(key, 32))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func open(t testing.TB, bucketURL string, box *secret.Box) *files.Store {
	t.Helper()
	s, err := files.Open(context.Background(), bucketURL, box)
	if err != nil {
		t.Fatalf("Open(%s): %v", files.Redact(bucketURL), err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// fakeS3 starts an in-process S3-compatible server (gofakes3) on the
// loopback interface with one bucket and returns its bucket URL.
func fakeS3(t testing.TB) string {
	t.Helper()
	backend := s3mem.New()
	if err := backend.CreateBucket("sprang-files"); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(gofakes3.New(backend, gofakes3.WithLogger(gofakes3.DiscardLog())).Server())
	t.Cleanup(srv.Close)
	q := url.Values{
		"endpoint":       {srv.URL},
		"region":         {"eu-north-1"},
		"use_path_style": {"true"},
		"anonymous":      {"true"}, // gofakes3 checks no signatures; real buckets use AWS_* credentials
	}
	return "s3://sprang-files?" + q.Encode()
}

// buckets returns one bucket URL per driver: memory, a directory, S3.
func buckets(t *testing.T) map[string]string {
	t.Helper()
	return map[string]string{
		"mem":  "mem://",
		"file": files.DefaultURL(t.TempDir()),
		"s3":   fakeS3(t),
	}
}

var anyFile = eservice.FileRule{Types: files.AcceptedTypes(), MaxBytes: eservice.MaxFileBytes}

// TestRoundTrip stores, reads and deletes a file on every driver.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	for driver, u := range buckets(t) {
		t.Run(driver, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			s := open(t, u, testBox(t, "k"))
			content := samplePDF()
			f, err := s.Put(ctx, `C:\Users\anna\Desktop\Ansökan bygglov.pdf`, bytes.NewReader(content), anyFile)
			if err != nil {
				t.Fatalf("Put: %v", err)
			}
			if f.Name != "Ansökan bygglov.pdf" || f.MediaType != files.TypePDF || f.Size != int64(len(content)) {
				t.Errorf("Put = %+v", f)
			}
			if !regexp.MustCompile(`^f/[0-9a-f]{32}$`).MatchString(f.Key) {
				t.Errorf("key %q is not f/ and 32 hex digits", f.Key)
			}
			got, err := s.Read(ctx, f)
			if err != nil || !bytes.Equal(got, content) {
				t.Fatalf("Read = %q, %v", got, err)
			}
			g, err := s.Put(ctx, "igen.pdf", bytes.NewReader(content), anyFile)
			if err != nil || g.Key == f.Key {
				t.Fatalf("second Put: key %q (first %q), %v", g.Key, f.Key, err)
			}
			if err := s.Delete(ctx, f.Key); err != nil {
				t.Fatalf("Delete: %v", err)
			}
			if _, err := s.Read(ctx, f); sprang.ErrorKind(err) != sprang.NotFound {
				t.Errorf("Read after Delete: %v, want NotFound", err)
			}
			if err := s.Delete(ctx, f.Key); err != nil {
				t.Errorf("second Delete: %v, want nil", err)
			}
			if got, err := s.Read(ctx, g); err != nil || !bytes.Equal(got, content) {
				t.Errorf("the other file after Delete: %v", err)
			}
		})
	}
}

// TestEncryptedAtRest finds no plaintext, no name and no type on disk, and
// the directory closed to others.
func TestEncryptedAtRest(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	s := open(t, files.DefaultURL(data), testBox(t, "k"))
	secretText := []byte("Personnummer 19121212-1212, diagnos: hemlig\n")
	f, err := s.Put(context.Background(), "journal.txt", bytes.NewReader(secretText), anyFile)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(data, "files")
	if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("files directory: %v, mode %v, want 0700", err, st.Mode().Perm())
	}
	var found int
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		found++
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, leak := range []string{"19121212", "hemlig", "journal", "text/plain"} {
			if bytes.Contains(b, []byte(leak)) || strings.Contains(path, leak) {
				t.Errorf("%s holds %q", path, leak)
			}
		}
		return nil
	})
	if err != nil || found != 1 {
		t.Fatalf("walk: %v, %d files, want 1", err, found)
	}
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f.Key))); err != nil {
		t.Errorf("blob not at its key: %v", err)
	}
}

// TestReadRefusesTampering opens nothing sealed with another key, moved
// to another blob key, altered or of the wrong size.
func TestReadRefusesTampering(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	data := t.TempDir()
	u := files.DefaultURL(data)
	s := open(t, u, testBox(t, "k"))
	a, err := s.Put(ctx, "a.txt", strings.NewReader("första filen\n"), anyFile)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Put(ctx, "b.txt", strings.NewReader("andra filen!!\n"), anyFile)
	if err != nil {
		t.Fatal(err)
	}
	path := func(f eservice.File) string { return filepath.Join(data, "files", filepath.FromSlash(f.Key)) }

	if _, err := open(t, u, testBox(t, "x")).Read(ctx, a); !errors.Is(err, secret.ErrDecrypt) {
		t.Errorf("Read with another secret key: %v, want ErrDecrypt", err)
	}
	if _, err := s.Read(ctx, eservice.File{Key: a.Key, Size: a.Size + 1}); !errors.Is(err, secret.ErrDecrypt) {
		t.Errorf("Read with the wrong size: %v, want ErrDecrypt", err)
	}
	sealedA, err := os.ReadFile(path(a))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path(b), sealedA, 0o600); err != nil { // a's blob under b's key
		t.Fatal(err)
	}
	if _, err := s.Read(ctx, eservice.File{Key: b.Key, Size: a.Size}); !errors.Is(err, secret.ErrDecrypt) {
		t.Errorf("Read of a blob moved to another key: %v, want ErrDecrypt", err)
	}
	sealedA[len(sealedA)-3] ^= 1
	if err := os.WriteFile(path(a), sealedA, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Read(ctx, a); !errors.Is(err, secret.ErrDecrypt) {
		t.Errorf("Read of an altered blob: %v, want ErrDecrypt", err)
	}
}

// countingReader yields endless PDF-looking bytes and counts what it gave.
type countingReader struct{ n int64 }

func (c *countingReader) Read(p []byte) (int, error) {
	head := samplePDF()
	for i := range p {
		if off := c.n + int64(i); off < int64(len(head)) {
			p[i] = head[off]
		} else {
			p[i] = '\n'
		}
	}
	c.n += int64(len(p))
	return len(p), nil
}

// TestSizeLimit takes a file of exactly the limit, refuses one byte more,
// and never reads more than the limit plus one byte.
func TestSizeLimit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := open(t, "mem://", testBox(t, "k"))
	const limit = 1000
	rule := eservice.FileRule{Types: []string{files.TypePDF}, MaxBytes: limit}
	exact := append(samplePDF(), bytes.Repeat([]byte{'\n'}, limit-len(samplePDF()))...)
	if f, err := s.Put(ctx, "precis.pdf", bytes.NewReader(exact), rule); err != nil || f.Size != limit {
		t.Fatalf("Put of exactly the limit: %+v, %v", f, err)
	}
	_, err := s.Put(ctx, "en-till.pdf", bytes.NewReader(append(exact, '\n')), rule)
	var r *files.Refusal
	if sprang.ErrorKind(err) != sprang.Invalid || sprang.ErrorMessage(err) != files.MsgTooLarge || !errors.As(err, &r) || r.MaxBytes != limit {
		t.Fatalf("Put of limit+1: %v, want Invalid %s with the limit", err, files.MsgTooLarge)
	}
	endless := &countingReader{}
	if _, err := s.Put(ctx, "oändlig.pdf", endless, rule); sprang.ErrorMessage(err) != files.MsgTooLarge {
		t.Fatalf("Put of an endless upload: %v", err)
	}
	if endless.n > limit+1 {
		t.Errorf("read %d bytes of an endless upload, want at most %d", endless.n, limit+1)
	}
	for _, max := range []int64{0, -1, eservice.MaxFileBytes + 1} { // no limit or too high a limit: MaxFileBytes
		endless := &countingReader{}
		_, err := s.Put(ctx, "stor.pdf", endless, eservice.FileRule{Types: []string{files.TypePDF}, MaxBytes: max})
		if !errors.As(err, &r) || r.MaxBytes != eservice.MaxFileBytes || endless.n > eservice.MaxFileBytes+1 {
			t.Errorf("MaxBytes %d: %v after %d bytes, want the limit %d", max, err, endless.n, eservice.MaxFileBytes)
		}
	}
}

// TestPutRefuses refuses empty files, types the rule does not accept and
// anything disguised, with a message that says how to fix it.
func TestPutRefuses(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := open(t, "mem://", testBox(t, "k"))
	cat := i18n.MustLoad()
	pdfOnly := eservice.FileRule{Types: []string{files.TypePDF, files.TypeJPEG}, MaxBytes: 10 << 20}
	tests := []struct {
		name     string
		content  []byte
		rule     eservice.FileRule
		key      string
		sv, en   string
		disguise bool
	}{
		{"empty", nil, anyFile, files.MsgEmpty, "Filen är tom", "The file is empty", false},
		{"png where pdf or jpeg", samplePNG(t), pdfOnly, files.MsgWrongType, "Den tar emot: PDF eller JPEG-bild.", "It accepts: PDF or JPEG image.", false},
		{"latin-1 text", []byte("Hej fr\xe5n \xc5sa\n"), anyFile, files.MsgTextEncoding, "UTF-8", "UTF-8", false},
		{"latin-1 text where pdf", []byte("Hej fr\xe5n \xc5sa\n"), pdfOnly, files.MsgWrongType, "PDF eller JPEG-bild", "PDF or JPEG image", false},
		{"too large", bytes.Repeat([]byte("a"), 11<<20), pdfOnly, files.MsgTooLarge, "större än 10 MB", "larger than 10 MB", false},
	}
	for name, content := range disguised(t) {
		key := files.MsgWrongType
		if name == "latin-1 text" || name == "utf-16 text" {
			key = files.MsgTextEncoding
		}
		tests = append(tests, struct {
			name     string
			content  []byte
			rule     eservice.FileRule
			key      string
			sv, en   string
			disguise bool
		}{"disguised " + name, content, anyFile, key, "", "", true})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, err := s.Put(ctx, "faktura.pdf", bytes.NewReader(tt.content), tt.rule)
			if sprang.ErrorKind(err) != sprang.Invalid || sprang.ErrorMessage(err) != tt.key {
				t.Fatalf("Put = %+v, %v; want Invalid %s", f, err, tt.key)
			}
			sv, ok := files.Explain(cat, i18n.Swedish, err)
			en, _ := files.Explain(cat, i18n.English, err)
			if !ok || !strings.Contains(sv, tt.sv) || !strings.Contains(en, tt.en) || strings.Contains(sv+en, "%!") || strings.Contains(sv, "files.") {
				t.Errorf("Explain:\n sv %q (want %q)\n en %q (want %q)", sv, tt.sv, en, tt.en)
			}
		})
	}
}

// TestOpenRefuses gives clear errors for bad URLs and never repeats a
// password in them.
func TestOpenRefuses(t *testing.T) {
	t.Parallel()
	box := testBox(t, "k")
	for _, u := range []string{
		"ftp://example/x",
		"s3://AKIAEXAMPLE:hunter2@bucket?region=eu-north-1",
		"file:///nonexistent/sprang-files-test", // no create_dir
		"%zz",
	} {
		s, err := files.Open(context.Background(), u, box)
		if err == nil {
			_ = s.Close()
			t.Errorf("Open(%q) succeeded", u)
			continue
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("Open(%q): error shows the password: %v", u, err)
		}
	}
	if _, err := files.Open(context.Background(), "mem://", nil); err == nil {
		t.Error("Open without a box succeeded")
	}
}

func TestDefaultURLAndRedact(t *testing.T) {
	t.Parallel()
	u := files.DefaultURL("relative/data")
	abs, _ := filepath.Abs("relative/data/files")
	if !strings.HasPrefix(u, "file://"+filepath.ToSlash(abs)+"?") || !strings.Contains(u, "dir_file_mode=0700") || !strings.Contains(u, "create_dir=true") {
		t.Errorf("DefaultURL = %q", u)
	}
	tests := map[string]string{
		"s3://key:hunter2@bucket?endpoint=https%3A%2F%2Fu%3Ahunter2%40s3.example.se&region=eu-north-1&profile=p": "s3://bucket?endpoint=https%3A%2F%2Fs3.example.se&region=eu-north-1",
		"file:///srv/sprang/files?create_dir=true":                                                               "file:///srv/sprang/files",
		"mem://": "mem:",
		"%zz":    "(not a URL)",
	}
	for in, want := range tests {
		if got := files.Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzPut stores arbitrary content under arbitrary names: Put either
// refuses with Invalid or stores a file whose name is clean and whose
// content reads back unchanged.
func FuzzPut(f *testing.F) {
	f.Add("../../etc/passwd", []byte("root:x:0:0\n"))
	f.Add("faktura\u202Efdp.exe", samplePDF())
	f.Add(strings.Repeat("å", 200)+".pdf", samplePDF())
	f.Add("run.bat", []byte("@echo off\r\ndel /q *\r\n"))
	f.Add("", sampleODT(f))
	f.Add("\x00\x1b[31m.png", samplePNG(f))
	f.Add(". .", []byte("text"))
	s := open(f, "mem://", testBox(f, "k"))
	f.Fuzz(func(t *testing.T, name string, content []byte) {
		ctx := context.Background()
		file, err := s.Put(ctx, name, bytes.NewReader(content), eservice.FileRule{MaxBytes: 1 << 16})
		if err != nil {
			if sprang.ErrorKind(err) != sprang.Invalid {
				t.Fatalf("Put: %v, want Invalid", err)
			}
			return
		}
		checkClean(t, file.Name, file.MediaType)
		got, err := s.Read(ctx, file)
		if err != nil || !bytes.Equal(got, content) {
			t.Fatalf("Read back: %v", err)
		}
		if err := s.Delete(ctx, file.Key); err != nil {
			t.Fatal(err)
		}
	})
}
