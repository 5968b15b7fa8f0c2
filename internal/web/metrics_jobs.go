package web

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"sprang/internal/jobs"
	"sprang/internal/store"
)

// jobsScrapeTimeout bounds the count query of one scrape.
const jobsScrapeTimeout = 5 * time.Second

var jobsDesc = prometheus.NewDesc("sprang_jobs", "Background jobs by state.", []string{"state"}, nil)

// jobsCollector reports the number of jobs in each state, counted on the
// read pool at scrape time, so every node reports the shared queue.
type jobsCollector struct{ db *store.DB }

// Describe sends the descriptor of sprang_jobs.
func (c jobsCollector) Describe(ch chan<- *prometheus.Desc) { ch <- jobsDesc }

// Collect counts the jobs; on a failed query it reports the error, which
// the handler logs while serving the other metrics.
func (c jobsCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), jobsScrapeTimeout)
	defer cancel()
	counts, err := c.db.JobCounts(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(jobsDesc, err)
		return
	}
	for _, st := range jobs.States {
		ch <- prometheus.MustNewConstMetric(jobsDesc, prometheus.GaugeValue, float64(counts[st]), st)
	}
}
