package web

import "net/http"

// routes returns the route table: every URL of the platform, in one place.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()

	// Operations.
	mux.HandleFunc("GET /healthz", s.handleHealthz)
	mux.HandleFunc("GET /readyz", s.handleReadyz)
	mux.Handle("GET /metrics", s.metricsAccess(s.metrics.handler()))
	mux.Handle("GET /static/", s.assets)

	// Public pages.
	mux.HandleFunc("GET /{$}", s.handleHome)
	mux.HandleFunc("GET /lang/{lang}", s.handleLanguage)
	mux.HandleFunc("GET /tillganglighet", s.handleAccessibility)
	mux.HandleFunc("GET /tillganglighet/rapportera", s.handleReportProblem)

	// Staff login and logout.
	mux.HandleFunc("GET /logga-in", s.handleLoginForm)
	mux.HandleFunc("POST /logga-in", s.handleLogin)
	mux.HandleFunc("GET /logga-in/tvastegs", s.handleTOTPForm)
	mux.HandleFunc("POST /logga-in/tvastegs", s.handleTOTP)
	mux.HandleFunc("POST /logga-ut", s.handleLogout)
	mux.HandleFunc("GET /logga-in/sso", s.handleSSOStart)
	mux.HandleFunc("GET /logga-in/sso/callback", s.handleSSOCallback)

	// Resident login: e-ID through the broker, or a verified e-mail address.
	mux.HandleFunc("GET /logga-in/invanare", s.handleResidentLogin)
	mux.HandleFunc("POST /logga-in/eid", s.handleEIDStart)
	mux.HandleFunc("GET /logga-in/eid/callback", s.handleEIDCallback)
	mux.HandleFunc("GET /logga-in/epost", s.emailLogin(s.handleEmailForm))
	mux.HandleFunc("POST /logga-in/epost", s.emailLogin(s.handleEmailRequest))
	mux.HandleFunc("GET /logga-in/epost/kod", s.emailLogin(s.handleEmailCodeForm))
	mux.HandleFunc("POST /logga-in/epost/kod", s.emailLogin(s.handleEmailCode))
	mux.HandleFunc("GET /logga-in/epost/lank/{token}", s.emailLogin(s.handleEmailLinkForm))
	mux.HandleFunc("POST /logga-in/epost/lank/{token}", s.emailLogin(s.handleEmailLink))
	if s.cfg.Demo { // the simulated e-ID exists in demo mode only
		mux.HandleFunc("GET /logga-in/demo-eid", s.handleDemoEIDForm)
		mux.HandleFunc("POST /logga-in/demo-eid", s.handleDemoEID)
	}

	// Mina sidor: the resident's own pages.
	mux.HandleFunc("GET /mina-sidor/vem-har-last", s.handleResidentReads)

	// Staff pages.
	mux.HandleFunc("GET /personal", s.handleStaff)
	mux.HandleFunc("GET /personal/tvastegs", s.handleTOTPSetup)
	mux.HandleFunc("POST /personal/tvastegs", s.handleTOTPSetupPost)
	mux.HandleFunc("GET /personal/anvandare", s.handleUsers)
	mux.HandleFunc("POST /personal/anvandare", s.handleUserCreate)
	mux.HandleFunc("GET /personal/anvandare/{id}", s.handleUser)
	mux.HandleFunc("POST /personal/anvandare/{id}", s.handleUserPost)
	mux.HandleFunc("GET /personal/enheter", s.handleUnits)
	mux.HandleFunc("POST /personal/enheter", s.handleUnitCreate)
	mux.HandleFunc("GET /personal/logg", s.handleAudit)
	mux.HandleFunc("POST /personal/logg/verifiera", s.handleAuditVerify)
	mux.HandleFunc("GET /personal/jobb", s.handleJobs)
	mux.HandleFunc("POST /personal/jobb/{id}/forsok-igen", s.handleJobRetry)
	mux.HandleFunc("POST /personal/jobb/{id}/avbryt", s.handleJobCancel)

	// Everything else is a helpful 404 page.
	mux.HandleFunc("/", s.handleNotFound)
	return mux
}
