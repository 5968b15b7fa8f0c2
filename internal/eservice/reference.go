package eservice

import (
	"fmt"
	"io"
	"strings"

	"sprang"
)

// referenceAlphabet holds the characters of errand references: A–Z and
// 2–9 without the look-alikes 0/O, 1/I/L and U (which reads as V).
const referenceAlphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789"

// referenceLen is the number of characters of a reference, without its
// hyphen: 30^8 ≈ 6.6·10^11 references.
const referenceLen = 8

// MsgReferenceFormat is the message key of a reference a resident typed
// that cannot be one.
const MsgReferenceFormat = "eservice.reference.format"

// NewReference returns a new human-friendly errand reference such as
// "KX4M-7TQ9": 8 characters from an alphabet without look-alikes (no 0/O,
// 1/I/L, U), read from r (crypto/rand in production) without modulo bias.
// It returns an error wrapping r's when r fails.
func NewReference(r io.Reader) (string, error) {
	const limit = 256 - 256%len(referenceAlphabet) // bytes ≥ limit are skipped
	out := make([]byte, 0, referenceLen+1)
	buf := make([]byte, 16)
	for len(out) < referenceLen+1 {
		if _, err := io.ReadFull(r, buf); err != nil {
			return "", fmt.Errorf("new reference: %w", err)
		}
		for _, b := range buf {
			if int(b) >= limit || len(out) == referenceLen+1 {
				continue
			}
			if len(out) == referenceLen/2 {
				out = append(out, '-')
			}
			out = append(out, referenceAlphabet[int(b)%len(referenceAlphabet)])
		}
	}
	return string(out), nil
}

// ParseReference reads a reference as a resident may type it — in lower
// case, with spaces, with or without the hyphen — and returns it in the
// form NewReference makes ("KX4M-7TQ9"). It returns an Invalid
// *sprang.Error with Fields["reference"] = MsgReferenceFormat when s cannot
// be a reference.
func ParseReference(s string) (string, error) {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == ' ' || r == '-':
		case r < 128 && strings.ContainsRune(referenceAlphabet, r):
			b.WriteRune(r)
		default:
			return "", referenceError()
		}
	}
	c := b.String()
	if len(c) != referenceLen {
		return "", referenceError()
	}
	return c[:referenceLen/2] + "-" + c[referenceLen/2:], nil
}

func referenceError() error {
	return &sprang.Error{Kind: sprang.Invalid, Message: MsgReferenceFormat,
		Fields: map[string]string{"reference": MsgReferenceFormat}}
}
