// Package mailtest starts a real SMTP server for tests: Mailpit
// (github.com/axllent/mailpit), run as a child process on free loopback
// ports, and reads what it received through its HTTP API.
//
// The binary is found through the SPRANG_MAILPIT environment variable
// (install it with: GOBIN=$PWD/bin go install github.com/axllent/mailpit@v1.33.1).
// When it is missing the test is skipped, or fails when CI=true.
package mailtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// Server is a running Mailpit.
type Server struct {
	SMTPAddr string // host:port of its SMTP side
	httpURL  string
}

// SMTPURL returns an smtp:// URL for the server (plain SMTP on loopback).
func (s *Server) SMTPURL() string { return "smtp://" + s.SMTPAddr + "?starttls=none" }

// Start runs Mailpit for the test and stops it at cleanup. It skips the
// test (fails when CI=true) when SPRANG_MAILPIT does not name the binary.
func Start(tb testing.TB) *Server {
	tb.Helper()
	bin := os.Getenv("SPRANG_MAILPIT")
	if bin == "" {
		missing(tb, "SPRANG_MAILPIT is not set; install Mailpit with: GOBIN=$PWD/bin go install github.com/axllent/mailpit@v1.33.1 and set SPRANG_MAILPIT=$PWD/bin/mailpit")
	}
	if _, err := os.Stat(bin); err != nil {
		missing(tb, "SPRANG_MAILPIT=%s: %v", bin, err)
	}
	s := &Server{SMTPAddr: freeAddr(tb)}
	web := freeAddr(tb)
	s.httpURL = "http://" + web
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "--smtp", s.SMTPAddr, "--listen", web,
		"--database", filepath.Join(tb.TempDir(), "mailpit.db"),
		"--smtp-auth-accept-any", "--smtp-auth-allow-insecure", "--quiet")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		cancel()
		tb.Fatalf("start mailpit: %v", err)
	}
	tb.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
	})
	s.waitReady(tb)
	return s
}

func missing(tb testing.TB, format string, args ...any) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatalf(format, args...)
	}
	tb.Skipf(format, args...)
}

// freeAddr returns a loopback address with a port free right now.
func freeAddr(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("find a free port: %v", err)
	}
	defer func() { _ = ln.Close() }()
	return ln.Addr().String()
}

// waitReady waits until both the SMTP port and the API answer.
func (s *Server) waitReady(tb testing.TB) {
	tb.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", s.SMTPAddr, time.Second)
		if err == nil {
			_ = c.Close()
			if _, err := s.list(); err == nil {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	tb.Fatalf("mailpit did not start on %s within 20s", s.SMTPAddr)
}

// Address is a mailbox in a Message.
type Address struct {
	Name    string `json:"Name"`
	Address string `json:"Address"`
}

// Message is a received mail as Mailpit's API describes it.
type Message struct {
	ID      string    `json:"ID"`
	From    Address   `json:"From"`
	To      []Address `json:"To"`
	Subject string    `json:"Subject"`
	Text    string    `json:"Text"`
}

// Messages returns every message received so far, newest first, with
// their text bodies.
func (s *Server) Messages(tb testing.TB) []Message {
	tb.Helper()
	list, err := s.list()
	if err != nil {
		tb.Fatalf("list mailpit messages: %v", err)
	}
	for i := range list {
		var full Message
		if err := s.get("/api/v1/message/"+list[i].ID, &full); err != nil {
			tb.Fatalf("read mailpit message: %v", err)
		}
		list[i].Text = full.Text
	}
	return list
}

// WaitFor returns the newest message to addr, waiting up to ten seconds
// for it to arrive.
func (s *Server) WaitFor(tb testing.TB, addr string) Message {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		for _, m := range s.Messages(tb) {
			for _, to := range m.To {
				if to.Address == addr {
					return m
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	tb.Fatalf("no mail to %s arrived within 10s", addr)
	return Message{}
}

func (s *Server) list() ([]Message, error) {
	var out struct {
		Messages []Message `json:"messages"`
	}
	if err := s.get("/api/v1/messages?limit=1000", &out); err != nil {
		return nil, err
	}
	return out.Messages, nil
}

func (s *Server) get(path string, v any) error {
	c := http.Client{Timeout: 5 * time.Second}
	res, err := c.Get(s.httpURL + path)
	if err != nil {
		return fmt.Errorf("get %s: %w", path, err)
	}
	defer func() { _ = res.Body.Close() }()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("get %s: status %s", path, strconv.Itoa(res.StatusCode))
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		return fmt.Errorf("decode %s: %w", path, err)
	}
	return nil
}
