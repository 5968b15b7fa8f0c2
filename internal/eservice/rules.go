package eservice

import "sprang/internal/identity"

// Rule is what a classification requires of a service.
type Rule struct {
	EIDRequired    bool   // login with e-ID
	MinLoA         string // at least this level of assurance, "" for any
	AnonymousAllow bool   // anonymous submissions may be allowed
	EmailReceipt   bool   // the receipt mail may repeat the answers (never above level 1)
}

// Rules returns what classification c requires: levels 0 and 1 allow
// anonymous errands and receipts that repeat the answers; level 2 requires
// an e-ID at level of assurance loa2 or higher; level 3 (and any unknown
// level, so a mistake errs on the safe side) requires an e-ID at loa3 or
// higher. Above level 1 nothing is anonymous and no mail repeats answers.
func Rules(c Classification) Rule {
	switch c {
	case ClassPublic, ClassLow:
		return Rule{AnonymousAllow: true, EmailReceipt: true}
	case ClassSerious:
		return Rule{EIDRequired: true, MinLoA: string(identity.LoA2)}
	default:
		return Rule{EIDRequired: true, MinLoA: string(identity.LoA3)}
	}
}
