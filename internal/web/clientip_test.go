package web

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestClientIP(t *testing.T) {
	t.Parallel()
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("127.0.0.1/32")}
	tests := []struct {
		name, remote, xff, want string
		trusted                 []netip.Prefix
	}{
		{"no proxies configured", "203.0.113.7:5000", "198.51.100.1", "203.0.113.7", nil},
		{"untrusted peer ignores header", "203.0.113.7:5000", "198.51.100.1", "203.0.113.7", trusted},
		{"trusted peer, one hop", "10.1.2.3:5000", "198.51.100.1", "198.51.100.1", trusted},
		{"spoofed left entry ignored", "10.1.2.3:5000", "1.2.3.4, 198.51.100.1", "198.51.100.1", trusted},
		{"two trusted proxies", "127.0.0.1:5000", "198.51.100.1, 10.9.9.9", "198.51.100.1", trusted},
		{"all trusted", "10.1.2.3:5000", "10.0.0.5", "10.1.2.3", trusted},
		{"garbage stops the walk", "10.1.2.3:5000", "198.51.100.1, nonsense", "10.1.2.3", trusted},
		{"ipv6 client", "10.1.2.3:5000", "2001:db8::1", "2001:db8::1", trusted},
		{"no header", "10.1.2.3:5000", "", "10.1.2.3", trusted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.remote
			if tt.xff != "" {
				r.Header.Set("X-Forwarded-For", tt.xff)
			}
			if got := clientIP(r, tt.trusted); got != tt.want {
				t.Errorf("clientIP = %q, want %q", got, tt.want)
			}
		})
	}
}

// FuzzClientIP checks that any header gives a parsable address or the peer.
func FuzzClientIP(f *testing.F) {
	f.Add("198.51.100.1, 10.0.0.1")
	f.Add(",,,")
	f.Add("::ffff:1.2.3.4")
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	f.Fuzz(func(t *testing.T, xff string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = "10.0.0.1:1"
		r.Header.Set("X-Forwarded-For", xff)
		got := clientIP(r, trusted)
		if _, err := netip.ParseAddr(got); err != nil {
			t.Fatalf("clientIP gave %q for %q", got, xff)
		}
	})
}
