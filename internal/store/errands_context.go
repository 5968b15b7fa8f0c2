package store

import (
	"context"

	"sprang/internal/eservice"
)

// submittedKey is the context key of the errand SubmitErrand is making.
type submittedKey struct{}

// SubmittedErrand returns the errand being made, to the TxFuncs that
// SubmitErrand runs in its transaction (e.g. to enqueue the receipt mail
// job by the errand's id), and false in any other context.
func SubmittedErrand(ctx context.Context) (eservice.Errand, bool) {
	e, ok := ctx.Value(submittedKey{}).(eservice.Errand)
	return e, ok
}

// withSubmitted returns ctx carrying errand e for SubmittedErrand.
func withSubmitted(ctx context.Context, e eservice.Errand) context.Context {
	return context.WithValue(ctx, submittedKey{}, e)
}
