package store

import (
	"slices"
	"testing"
)

func TestPGEnviron(t *testing.T) {
	t.Parallel()
	base := []string{"PATH=/usr/bin", "HOME=/home/x", "PGPASSWORD=old", "PGHOST=elsewhere"}
	tests := []struct {
		name string
		url  string
		want []string
	}{
		{"full URL", "postgres://sprang:s%40cret@db.example.se:5433/sprang?sslmode=verify-full&pool_max_conns=5",
			[]string{"HOME=/home/x", "PATH=/usr/bin", "PGDATABASE=sprang", "PGHOST=db.example.se",
				"PGPASSWORD=s@cret", "PGPORT=5433", "PGSSLMODE=verify-full", "PGUSER=sprang"}},
		{"socket in query", "postgresql:///sprang?host=/run/postgresql&user=sprang",
			[]string{"HOME=/home/x", "PATH=/usr/bin", "PGDATABASE=sprang", "PGHOST=/run/postgresql", "PGUSER=sprang"}},
		{"several hosts", "postgres://u@a:1,b:2/d",
			[]string{"HOME=/home/x", "PATH=/usr/bin", "PGDATABASE=d", "PGHOST=a,b", "PGPORT=1,2", "PGUSER=u"}},
		{"password in query", "postgres://h/d?password=pw",
			[]string{"HOME=/home/x", "PATH=/usr/bin", "PGDATABASE=d", "PGHOST=h", "PGPASSWORD=pw"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := pgEnviron(tt.url, base)
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("pgEnviron(%q)\n got %q\nwant %q", tt.url, got, tt.want)
			}
		})
	}
}
