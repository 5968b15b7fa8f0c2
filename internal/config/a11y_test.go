package config_test

import (
	"io"
	"testing"

	"sprang/internal/config"
)

func TestLoadA11yContact(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name               string
		env                map[string]string
		wantEmail, wantTel string
	}{
		{"placeholders by default", nil, config.DefaultA11yEmail, config.DefaultA11yPhone},
		{"from the environment", map[string]string{"SPRANG_A11Y_EMAIL": "tillganglighet@example.org", "SPRANG_A11Y_PHONE": "010-123 45 67"}, "tillganglighet@example.org", "010-123 45 67"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := config.Load("serve", nil, envOf(tt.env), io.Discard, nil)
			if err != nil {
				t.Fatal(err)
			}
			if c.A11yEmail != tt.wantEmail || c.A11yPhone != tt.wantTel {
				t.Errorf("contact = %q, %q; want %q, %q", c.A11yEmail, c.A11yPhone, tt.wantEmail, tt.wantTel)
			}
		})
	}
}
