package web_test

import (
	"testing"

	"sprang/internal/browsertest"
)

// TestMain closes the shared headless Chromium of the browser tests when
// the package's tests end. It is the package's only TestMain (web and
// web_test share one test binary).
func TestMain(m *testing.M) { browsertest.Main(m) }
