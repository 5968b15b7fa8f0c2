package jobs

import (
	"context"
	"log/slog"
)

// minLevel passes on only records at or above level, so River's routine
// information (client started, leader elected) stays out of the log while
// its warnings and errors reach it.
type minLevel struct {
	slog.Handler
	level slog.Level
}

// Enabled reports whether the level is at least the minimum and the wrapped
// handler wants it.
func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.level && h.Handler.Enabled(ctx, l)
}

// WithAttrs keeps the minimum level on derived handlers.
func (h minLevel) WithAttrs(as []slog.Attr) slog.Handler {
	return minLevel{h.Handler.WithAttrs(as), h.level}
}

// WithGroup keeps the minimum level on derived handlers.
func (h minLevel) WithGroup(name string) slog.Handler {
	return minLevel{h.Handler.WithGroup(name), h.level}
}
