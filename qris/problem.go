package qris

import (
	"strconv"
	"strings"
)

// Severity says whether a problem makes a payload invalid.
type Severity uint8

const (
	// SeverityError makes the payload invalid.
	SeverityError Severity = iota + 1
	// SeverityWarning is worth knowing but accepted.
	SeverityWarning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	}
	return "unknown"
}

// MarshalText writes the severity as "error" or "warning".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads "error" or "warning".
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "error":
		*s = SeverityError
	case "warning":
		*s = SeverityWarning
	default:
		return &strconv.NumError{Func: "Severity.UnmarshalText", Num: string(b), Err: strconv.ErrSyntax}
	}
	return nil
}

// Problem is one finding of validation.
type Problem struct {
	// Rule is the checklist id of the spec digest: "R15", "Q04", ...
	Rule string `json:"rule"`
	// Tag is the path of the object at fault ("54", "26.03", "62.99.01"), or
	// "" for the payload as a whole.
	Tag string `json:"tag"`
	// Offset is the character offset of that object (or of the fault) from
	// the start of the payload; -1 when the problem is not inside a payload
	// (a response field that the API verifier checks, say).
	Offset int `json:"offset"`
	// Severity is error or warning.
	Severity Severity `json:"severity"`
	// Message says what is wrong and what would be right.
	Message string `json:"message"`
}

// String formats the problem as one line:
// "error R15 tag 54 at 123: amount "12,50" is not a number: ...".
// A tag that is not two digits and dots (a JSON field of an API response)
// is written as "field NAME", and a negative offset is left out.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Severity.String())
	b.WriteByte(' ')
	b.WriteString(p.Rule)
	if p.Tag != "" {
		if isTagPath(p.Tag) {
			b.WriteString(" tag ")
		} else {
			b.WriteString(" field ")
		}
		b.WriteString(p.Tag)
	}
	if p.Offset >= 0 {
		b.WriteString(" at ")
		b.WriteString(strconv.Itoa(p.Offset))
	}
	b.WriteString(": ")
	b.WriteString(p.Message)
	return b.String()
}

// Options tune validation. The zero value is the QRIS profile, lenient.
type Options struct {
	// Profile is the scheme whose rules apply: ProfileQRIS (the zero
	// value), another of the [Profile] constants ([ProfileNames] lists
	// them), or ProfileAuto to pick one by the payload's merchant accounts
	// and country ([DetectProfile]).
	Profile Profile
	// Strict tightens the rules the spec digest gives two modes for: a
	// payload over 512 characters (R09) and a merchant name over 25 (Q22)
	// become errors, and a lowercase CRC (R08) is reported. Lenient mode
	// accepts what wallets accept.
	Strict bool
}

// isTagPath reports whether s looks like "54" or "62.99.01".
func isTagPath(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i%3 == 2 {
			if c != '.' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	return len(s)%3 == 2
}
