package web

import (
	"crypto/subtle"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"sprang/internal/store"
)

// metrics are the Prometheus metrics of one Server, in a registry of its
// own (no package-level state, so tests can run servers side by side).
type metrics struct {
	reg      *prometheus.Registry
	log      *slog.Logger
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newMetrics(db *store.DB, log *slog.Logger) *metrics {
	m := &metrics{reg: prometheus.NewRegistry(), log: log}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "sprang_http_requests_total", Help: "HTTP requests by route pattern, method and status code.",
	}, []string{"route", "method", "code"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "sprang_http_request_duration_seconds", Help: "HTTP request latency by route pattern.",
		Buckets: []float64{.001, .0025, .005, .01, .02, .05, .1, .25, .5, 1, 2.5},
	}, []string{"route"})
	m.reg.MustRegister(m.requests, m.latency,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if db != nil {
		m.reg.MustRegister(dbCollector{db: db}, jobsCollector{db: db})
	}
	return m
}

// Register adds further collectors (the job queue's) to the registry.
func (m *metrics) Register(cs ...prometheus.Collector) { m.reg.MustRegister(cs...) }

func (m *metrics) observe(route, method string, status int, d time.Duration) {
	m.requests.WithLabelValues(route, methodLabel(method), strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route).Observe(d.Seconds())
}

func (m *metrics) handler() http.Handler {
	// ContinueOnError: a failed collector (the database is down) leaves
	// its metrics out instead of failing the whole scrape.
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		ErrorHandling: promhttp.ContinueOnError,
		ErrorLog:      slog.NewLogLogger(m.log.Handler(), slog.LevelWarn),
	})
}

// dbCollector reports the database connection pools.
type dbCollector struct{ db *store.DB }

var (
	dbOpenDesc  = prometheus.NewDesc("sprang_db_connections_open", "Open database connections by pool.", []string{"pool"}, nil)
	dbInUseDesc = prometheus.NewDesc("sprang_db_connections_in_use", "Database connections in use by pool.", []string{"pool"}, nil)
	dbWaitDesc  = prometheus.NewDesc("sprang_db_wait_seconds_total", "Time spent waiting for a database connection by pool.", []string{"pool"}, nil)
)

func (c dbCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- dbOpenDesc
	ch <- dbInUseDesc
	ch <- dbWaitDesc
}

func (c dbCollector) Collect(ch chan<- prometheus.Metric) {
	w, r := c.db.Stats()
	for pool, st := range map[string]struct {
		open, inUse int
		wait        time.Duration
	}{"write": {w.OpenConnections, w.InUse, w.WaitDuration}, "read": {r.OpenConnections, r.InUse, r.WaitDuration}} {
		ch <- prometheus.MustNewConstMetric(dbOpenDesc, prometheus.GaugeValue, float64(st.open), pool)
		ch <- prometheus.MustNewConstMetric(dbInUseDesc, prometheus.GaugeValue, float64(st.inUse), pool)
		ch <- prometheus.MustNewConstMetric(dbWaitDesc, prometheus.CounterValue, st.wait.Seconds(), pool)
	}
}

// metricsAccess guards /metrics with the bearer token of
// SPRANG_METRICS_TOKEN when one is configured; without one the endpoint is
// open and the proxy must keep it inside the network (README).
func (s *Server) metricsAccess(next http.Handler) http.Handler {
	if s.cfg.MetricsToken == "" {
		return next
	}
	want := []byte("Bearer " + s.cfg.MetricsToken)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, "metrics need a bearer token (SPRANG_METRICS_TOKEN)", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// methodLabel maps an HTTP method to a metrics label: the standard methods
// as they are, anything else as "other", so that made-up methods cannot
// create new time series without limit.
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions:
		return m
	}
	return "other"
}
