package web

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// clientIP returns the address of the client that sent r. When the peer is
// one of the trusted proxies, it walks X-Forwarded-For from the right (the
// entries the platform's own proxies appended) and returns the first
// address that is not a trusted proxy; anything further left was written by
// the client and cannot be believed. Otherwise it returns the peer address.
func clientIP(r *http.Request, trusted []netip.Prefix) string {
	peer := peerAddr(r.RemoteAddr)
	if !peer.IsValid() || !isTrusted(peer, trusted) {
		return hostOf(r.RemoteAddr)
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		a = a.Unmap()
		if !isTrusted(a, trusted) {
			return a.String()
		}
	}
	return peer.String()
}

func peerAddr(remote string) netip.Addr {
	a, err := netip.ParseAddr(hostOf(remote))
	if err != nil {
		return netip.Addr{}
	}
	return a.Unmap()
}

func hostOf(remote string) string {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		return remote
	}
	return host
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// realClient replaces r.RemoteAddr with the client's address as clientIP
// resolves it, so rate limits count clients, not the load balancer. Without
// trusted proxies it changes nothing.
func (s *Server) realClient(next http.Handler) http.Handler {
	if len(s.cfg.TrustedProxies) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r2 := r.Clone(r.Context())
		r2.RemoteAddr = net.JoinHostPort(clientIP(r, s.cfg.TrustedProxies), "0")
		next.ServeHTTP(w, r2)
	})
}
