package browsertest

import (
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp/kb"
)

func TestKeyEvents(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		key  rune
		want []input.DispatchKeyEventType // the events' types
		text string                       // the keyDown's text
	}{
		{"Enter carries its text on keyDown", '\r', []input.DispatchKeyEventType{kb.KeyDown, kb.KeyUp}, "\r"},
		{"Space", ' ', []input.DispatchKeyEventType{kb.KeyDown, kb.KeyUp}, " "},
		{"a letter outside the key table", 'ä', []input.DispatchKeyEventType{kb.KeyDown, kb.KeyUp}, "ä"},
		{"Tab is a raw keyDown", '\t', []input.DispatchKeyEventType{kb.KeyRawDown, kb.KeyUp}, ""},
		{"an arrow is a raw keyDown", []rune(kb.ArrowDown)[0], []input.DispatchKeyEventType{kb.KeyRawDown, kb.KeyUp}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			evs := keyEvents(tc.key)
			var got []input.DispatchKeyEventType
			for _, e := range evs {
				got = append(got, e.Type)
			}
			if len(got) != len(tc.want) || got[0] != tc.want[0] || got[1] != tc.want[1] {
				t.Fatalf("event types %v, want %v", got, tc.want)
			}
			if evs[0].Text != tc.text {
				t.Errorf("keyDown text %q, want %q", evs[0].Text, tc.text)
			}
			for _, e := range evs {
				if e.Type == kb.KeyChar {
					t.Errorf("a separate char event: %+v", e)
				}
			}
		})
	}
}
