package web

import (
	"net/http"

	"sprang/internal/ckan"
)

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
	mux.HandleFunc("GET /mer-tid", s.handleSessionTime) // a longer idle limit for the session
	mux.HandleFunc("POST /mer-tid", s.handleSessionTimePost)

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
	mux.HandleFunc("GET /mina-sidor", s.handleMyPages)
	mux.HandleFunc("GET /mina-sidor/arenden/{id}", s.handleMyErrand)
	mux.HandleFunc("POST /mina-sidor/arenden/{id}/svar", s.handleMyErrandReply)
	mux.HandleFunc("GET /mina-sidor/arenden/{id}/filer/{file}", s.handleMyErrandFile)
	mux.HandleFunc("POST /mina-sidor/utkast/{id}/ta-bort", s.handleMyDraftDelete)
	mux.HandleFunc("GET /mina-sidor/kontakt", s.handleMyContact)
	mux.HandleFunc("POST /mina-sidor/kontakt", s.handleMyContactPost)
	mux.HandleFunc("GET /mina-sidor/registerutdrag", s.handleMyExtract)
	mux.HandleFunc("GET /mina-sidor/registerutdrag.pdf", s.handleMyExtractPDF)
	mux.HandleFunc("GET /mina-sidor/registerutdrag.json", s.handleMyExtractJSON)

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

	// Case handling.
	mux.HandleFunc("GET /personal/arenden", s.handleInbox)
	mux.HandleFunc("GET /personal/arenden/{id}", s.handleErrand)
	mux.HandleFunc("GET /personal/arenden/{id}/filer/{file}", s.handleErrandFile)
	mux.HandleFunc("POST /personal/arenden/{id}/tilldela", s.handleErrandStep("tilldela"))
	mux.HandleFunc("POST /personal/arenden/{id}/status", s.handleErrandStep("status"))
	mux.HandleFunc("POST /personal/arenden/{id}/anteckning", s.handleErrandStep("anteckning"))
	mux.HandleFunc("POST /personal/arenden/{id}/meddelande", s.handleErrandStep("meddelande"))
	mux.HandleFunc("POST /personal/arenden/{id}/komplettering", s.handleErrandStep("komplettering"))
	mux.HandleFunc("POST /personal/arenden/{id}/beslut", s.handleErrandStep("beslut"))
	mux.HandleFunc("POST /personal/arenden/{id}/avsluta", s.handleErrandStep("avsluta"))
	mux.HandleFunc("POST /personal/arenden/{id}/bevarande", s.handleErrandStep("bevarande"))
	mux.HandleFunc("GET /personal/brev", s.handleLetters)
	mux.HandleFunc("GET /personal/brev/{name}", s.handleLetterPDF) // {id}.pdf
	mux.HandleFunc("POST /personal/brev/{id}/utskrivet", s.handleLetterPrinted)

	// The e-service builder.
	mux.HandleFunc("GET /personal/e-tjanster", s.handleBuilderList)
	mux.HandleFunc("POST /personal/e-tjanster", s.handleBuilderCreate)
	mux.HandleFunc("POST /personal/e-tjanster/importera", s.handleBuilderImport)
	mux.HandleFunc("GET /personal/e-tjanster/{id}", s.handleBuilderService)
	mux.HandleFunc("GET /personal/e-tjanster/{id}/export.json", s.handleBuilderExport)
	mux.HandleFunc("GET /personal/e-tjanster/{id}/forhandsgranska", s.handleBuilderPreview)
	mux.HandleFunc("POST /personal/e-tjanster/{id}/publicera", s.handleBuilderPublish)
	mux.HandleFunc("POST /personal/e-tjanster/{id}/kasta", s.handleBuilderDiscard)
	mux.HandleFunc("GET /personal/e-tjanster/{id}/uppgifter", s.handleBuilderFacts)
	mux.HandleFunc("POST /personal/e-tjanster/{id}/uppgifter", s.handleBuilderFactsPost)
	mux.HandleFunc("GET /personal/e-tjanster/{id}/statusar", s.handleBuilderStatuses)
	mux.HandleFunc("POST /personal/e-tjanster/{id}/statusar", s.handleBuilderStatusesPost)
	mux.HandleFunc("GET /personal/e-tjanster/{id}/sidor", s.handleBuilderPages)
	mux.HandleFunc("POST /personal/e-tjanster/{id}/sidor", s.handleBuilderPagesPost)
	mux.HandleFunc("GET /personal/e-tjanster/{id}/sidor/{page}", s.handleBuilderPage)
	mux.HandleFunc("POST /personal/e-tjanster/{id}/sidor/{page}", s.handleBuilderPagePost)
	mux.HandleFunc("GET /personal/e-tjanster/{id}/sidor/{page}/ta-bort", s.handleBuilderPageDelete)
	mux.HandleFunc("POST /personal/e-tjanster/{id}/sidor/{page}/ta-bort", s.handleBuilderPageDeletePost)
	mux.HandleFunc("POST /personal/e-tjanster/{id}/sidor/{page}/fragor", s.handleBuilderQuestionAdd)
	mux.HandleFunc("GET /personal/e-tjanster/{id}/sidor/{page}/fragor/{q}", s.handleBuilderQuestion)
	mux.HandleFunc("POST /personal/e-tjanster/{id}/sidor/{page}/fragor/{q}", s.handleBuilderQuestionPost)
	mux.HandleFunc("POST /personal/e-tjanster/{id}/sidor/{page}/fragor/{q}/flytta", s.handleBuilderQuestionMove)
	mux.HandleFunc("GET /personal/e-tjanster/{id}/sidor/{page}/fragor/{q}/ta-bort", s.handleBuilderQuestionDelete)
	mux.HandleFunc("POST /personal/e-tjanster/{id}/sidor/{page}/fragor/{q}/ta-bort", s.handleBuilderQuestionDeletePost)
	mux.HandleFunc("POST /personal/e-tjanster/{id}/sidor/{page}/fragor/{q}/fragor", s.handleBuilderQuestionAdd)
	mux.HandleFunc("GET /personal/e-tjanster/{id}/sidor/{page}/fragor/{q}/fragor/{inner}", s.handleBuilderQuestion)
	mux.HandleFunc("POST /personal/e-tjanster/{id}/sidor/{page}/fragor/{q}/fragor/{inner}", s.handleBuilderQuestionPost)
	mux.HandleFunc("POST /personal/e-tjanster/{id}/sidor/{page}/fragor/{q}/fragor/{inner}/flytta", s.handleBuilderQuestionMove)
	mux.HandleFunc("GET /personal/e-tjanster/{id}/sidor/{page}/fragor/{q}/fragor/{inner}/ta-bort", s.handleBuilderQuestionDelete)
	mux.HandleFunc("POST /personal/e-tjanster/{id}/sidor/{page}/fragor/{q}/fragor/{inner}/ta-bort", s.handleBuilderQuestionDeletePost)

	// E-services: the catalogue, filling in, the receipt. A resident's
	// draft is under its service: /e-tjanster/{slug}/{draft}/…
	mux.HandleFunc("GET /e-tjanster", s.handleCatalogue)
	mux.HandleFunc("GET /e-tjanster/{slug}", s.handleService)
	mux.HandleFunc("GET /e-tjanster/{slug}/{file}", s.handleServiceFile) // blankett.pdf
	mux.HandleFunc("POST /e-tjanster/{slug}/starta", s.handleStart)
	mux.HandleFunc("GET /e-tjanster/{slug}/{draft}/steg/{page}", s.inFlow(s.residentFlow, s.showStep))
	mux.HandleFunc("POST /e-tjanster/{slug}/{draft}/steg/{page}", s.inFlow(s.residentFlow, s.postStep))
	mux.HandleFunc("GET /e-tjanster/{slug}/{draft}/granska", s.inFlow(s.residentFlow, s.showCheck))
	mux.HandleFunc("POST /e-tjanster/{slug}/{draft}/granska", s.inFlow(s.residentFlow, s.postCheck))
	mux.HandleFunc("GET /e-tjanster/{slug}/{draft}/sparat", s.inFlow(s.residentFlow, s.showSaved))
	mux.HandleFunc("GET /e-tjanster/kvitto/{ref}", s.handleReceipt)
	mux.HandleFunc("GET /e-tjanster/kvitto/{ref}/kvitto.pdf", s.handleReceiptPDF)

	// E-services: a case officer registers an errand that came another
	// way, through the same steps.
	mux.HandleFunc("GET /personal/arenden/registrera", s.handleRegisterForm)
	mux.HandleFunc("POST /personal/arenden/registrera", s.handleRegister)
	mux.HandleFunc("GET /personal/arenden/registrera/utkast/{draft}/steg/{page}", s.inFlow(s.staffFlow, s.showStep))
	mux.HandleFunc("POST /personal/arenden/registrera/utkast/{draft}/steg/{page}", s.inFlow(s.staffFlow, s.postStep))
	mux.HandleFunc("GET /personal/arenden/registrera/utkast/{draft}/granska", s.inFlow(s.staffFlow, s.showCheck))
	mux.HandleFunc("POST /personal/arenden/registrera/utkast/{draft}/granska", s.inFlow(s.staffFlow, s.postCheck))

	// E-service statistics.
	mux.HandleFunc("GET /personal/statistik", s.handleStats)
	mux.HandleFunc("GET /personal/statistik.csv", s.handleStatsCSV)

	// Open data: the public portal. The catalogue feeds are literal paths,
	// more specific than a dataset's slug. The routes that read data — the
	// feeds, a resource's preview and its file — count against the API's
	// rate limits and quotas (package ckan), so the pages are no way around
	// them.
	mux.HandleFunc("GET /data", s.handleDataSearch)
	mux.Handle("GET /data/catalog.rdf", s.api.Limit(http.HandlerFunc(s.handleCatalogRDF)))
	mux.Handle("GET /data/catalog.ttl", s.api.Limit(http.HandlerFunc(s.handleCatalogTurtle)))
	mux.Handle("GET /data/catalog.jsonld", s.api.Limit(http.HandlerFunc(s.handleCatalogJSONLD)))
	mux.HandleFunc("GET /data/om-api", s.handleDataAbout)
	mux.HandleFunc("GET /data/organisationer", s.handleDataOrganizations)
	mux.HandleFunc("GET /data/organisationer/{unit}", s.handleDataOrganization)
	mux.HandleFunc("GET /data/{slug}", s.handleDataset) // HTML, or RDF by content negotiation
	mux.Handle("GET /data/{slug}/resurser/{rid}", s.api.Limit(http.HandlerFunc(s.handleDataResource)))
	mux.Handle("GET /data/{slug}/resurser/{rid}/fil", s.api.Limit(http.HandlerFunc(s.handleDataResourceFile))) // ?version=N

	// Open data: the machine interface (package ckan): the CKAN Action
	// API, its OpenAPI description, and whole or filtered downloads.
	mux.Handle("/api/3/", s.api)
	mux.Handle("GET /datastore/dump/{rid}", s.api)

	// Open data: data stewards.
	mux.HandleFunc("GET /personal/data", s.handleStewardList)
	mux.HandleFunc("POST /personal/data", s.handleStewardCreate)
	mux.HandleFunc("GET /personal/data/{id}", s.handleStewardDataset)
	mux.HandleFunc("POST /personal/data/{id}", s.handleStewardDatasetPost)
	mux.HandleFunc("POST /personal/data/{id}/publicera", s.handleStewardPublish)
	mux.HandleFunc("POST /personal/data/{id}/resurser", s.handleStewardResourceCreate)
	mux.HandleFunc("GET /personal/data/{id}/resurser/{rid}", s.handleStewardResource)
	mux.HandleFunc("POST /personal/data/{id}/resurser/{rid}", s.handleStewardResourcePost)
	mux.HandleFunc("GET /personal/api-nycklar", s.handleAPITokens)
	mux.HandleFunc("POST /personal/api-nycklar", s.handleAPITokenCreate)
	mux.HandleFunc("POST /personal/api-nycklar/{id}/aterkalla", s.handleAPITokenRevoke)

	// Follow-up: the public dashboard, the policy and the yearly reports.
	mux.Handle("GET /uppfoljning", s.api.LimitAs(ckan.ActionWebFollowUp, http.HandlerFunc(s.handleFollowUpPublic)))
	mux.Handle("GET /uppfoljning/indikatorer.csv", s.api.LimitAs(ckan.ActionWebFollowUp, http.HandlerFunc(s.handleFollowUpPublicCSV)))
	mux.Handle("GET /uppfoljning/indikatorer/{key}", s.api.LimitAs(ckan.ActionWebFollowUp, http.HandlerFunc(s.handleFollowUpPublicIndicator)))
	mux.HandleFunc("GET /uppfoljning/policy", s.handlePolicyPublic)
	mux.HandleFunc("GET /uppfoljning/rapporter", s.handleReportsPublic)
	mux.HandleFunc("GET /uppfoljning/rapporter/{year}", s.handleReportPublic)
	mux.HandleFunc("GET /uppfoljning/rapporter/{year}/rapport.pdf", s.handleReportPDF)

	// Follow-up: the staff dashboard and where digitalization is not used
	// fully.
	mux.HandleFunc("GET /personal/uppfoljning", s.handleFollowUpStaff)
	mux.HandleFunc("GET /personal/uppfoljning/indikatorer.csv", s.handleFollowUpStaffCSV)
	mux.HandleFunc("GET /personal/uppfoljning/indikatorer/{key}", s.handleFollowUpStaffIndicator)
	mux.HandleFunc("GET /personal/uppfoljning/ej-fullt-utnyttjat", s.handleNotUsedFully)

	// Follow-up: the indicator registry, manual values, Kolada imports.
	mux.HandleFunc("GET /personal/indikatorer", s.handleIndicators)
	mux.HandleFunc("POST /personal/indikatorer", s.handleIndicatorCreate)
	mux.HandleFunc("GET /personal/indikatorer/kolada", s.handleKolada)
	mux.HandleFunc("POST /personal/indikatorer/kolada", s.handleKoladaImport)
	mux.HandleFunc("GET /personal/indikatorer/{key}", s.handleIndicator)
	mux.HandleFunc("POST /personal/indikatorer/{key}", s.handleIndicatorPost)
	mux.HandleFunc("GET /personal/indikatorer/{key}/varden", s.handleIndicatorValues)
	mux.HandleFunc("POST /personal/indikatorer/{key}/varden", s.handleIndicatorValuesPost)

	// Follow-up: the policy's revisions.
	mux.HandleFunc("GET /personal/policy", s.handlePolicyStaff)
	mux.HandleFunc("GET /personal/policy/redigera", s.handlePolicyEdit)
	mux.HandleFunc("POST /personal/policy/redigera", s.handlePolicyEditPost)
	mux.HandleFunc("GET /personal/policy/versioner/{n}", s.handlePolicyRevision)

	// Follow-up: the initiative portfolio.
	mux.HandleFunc("GET /personal/initiativ", s.handleInitiatives)
	mux.HandleFunc("POST /personal/initiativ", s.handleInitiativeCreate)
	mux.HandleFunc("GET /personal/initiativ/tidslinje", s.handleInitiativeTimeline)
	mux.HandleFunc("GET /personal/initiativ/{id}", s.handleInitiative)
	mux.HandleFunc("POST /personal/initiativ/{id}", s.handleInitiativePost)
	mux.HandleFunc("POST /personal/initiativ/{id}/nytta", s.handleInitiativeBenefit)
	mux.HandleFunc("POST /personal/initiativ/{id}/hallbarhet", s.handleInitiativeCriteria)

	// Follow-up: maturity and competence self-assessments.
	mux.HandleFunc("GET /personal/mognad", s.handleMaturity)
	mux.HandleFunc("GET /personal/mognad/fragor", s.handleMaturityQuestions)
	mux.HandleFunc("POST /personal/mognad/fragor", s.handleMaturityQuestionsPost)
	mux.HandleFunc("GET /personal/mognad/{unit}/{year}", s.handleMaturityAssessment)
	mux.HandleFunc("POST /personal/mognad/{unit}/{year}", s.handleMaturityAssessmentPost)
	mux.HandleFunc("GET /personal/kompetens", s.handleCompetence)
	mux.HandleFunc("POST /personal/kompetens", s.handleCompetencePost)
	mux.HandleFunc("GET /personal/kompetens/oversikt", s.handleCompetenceOverview)

	// Follow-up: the yearly report, written and issued by the development
	// department.
	mux.HandleFunc("GET /personal/uppfoljning/rapporter", s.handleReportStaffIndex)
	mux.HandleFunc("GET /personal/uppfoljning/rapporter/{year}", s.handleReportStaff)
	mux.HandleFunc("POST /personal/uppfoljning/rapporter/{year}", s.handleReportStaffPost)
	mux.HandleFunc("POST /personal/uppfoljning/rapporter/{year}/utfarda", s.handleReportIssue)

	// Everything else is a helpful 404 page.
	mux.HandleFunc("/", s.handleNotFound)
	return mux
}
