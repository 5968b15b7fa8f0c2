package identity

import "sprang"

// ParseOrgNumber reads a Swedish organisationsnummer written as NNNNNN-NNNN
// or as ten digits and returns it as NNNNNN-NNNN. It checks the Luhn digit
// and that the third digit is at least 2, as it is for every legal entity
// (a municipality's 212000-…, a company's 556…). On failure it returns an
// Invalid *sprang.Error whose Message is MsgOrgNumberFormat,
// MsgOrgNumberKind or MsgOrgNumberChecksum.
func ParseOrgNumber(s string) (string, error) {
	digits, ok := orgDigits(s)
	if !ok {
		return "", orgError(MsgOrgNumberFormat)
	}
	if digits[2] < '2' {
		return "", orgError(MsgOrgNumberKind)
	}
	if !luhnValid(digits) {
		return "", orgError(MsgOrgNumberChecksum)
	}
	return digits[:6] + "-" + digits[6:], nil
}

// orgDigits returns the ten digits of s, which is NNNNNNNNNN or NNNNNN-NNNN.
func orgDigits(s string) (string, bool) {
	if len(s) == 11 && s[6] == '-' {
		s = s[:6] + s[7:]
	}
	if len(s) != 10 || !allDigits(s) {
		return "", false
	}
	return s, true
}

func orgError(key string) error {
	return &sprang.Error{Kind: sprang.Invalid, Message: key, Fields: map[string]string{"org_number": key}}
}

// allDigits reports whether s is non-empty and holds only ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// luhnValid reports whether the ASCII digits in s end with a correct Luhn
// check digit (the mod-10 algorithm used for personnummer and
// organisationsnummer, weights 2,1,2,1,… from the left over ten digits).
func luhnValid(s string) bool {
	return luhnDigit(s[:len(s)-1]) == s[len(s)-1]
}

// luhnDigit returns the Luhn check digit, as an ASCII byte, for the digits
// in s, doubling every second digit starting from the rightmost one.
func luhnDigit(s string) byte {
	sum := 0
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if (len(s)-1-i)%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return byte('0' + (10-sum%10)%10)
}
