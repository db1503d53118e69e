package cli

import (
	"flag"
	"strconv"
	"strings"
	"time"
)

// FlagMessage says what is wrong with a command line fs could not parse,
// naming the flag as the help does (--amount, -o): `--amount: "1.5" is not
// a whole number`, with what kind of value the flag wants, or the flag's
// own explanation when it has one (its Set method's error).
//
// Go's flag package words its errors for Go programmers ("invalid value
// "1.5" for flag -amount: parse error"); FlagMessage picks them apart with
// plain string cuts (a regexp would be compiled at every start of qris)
// and says them again in the words of the help.
func FlagMessage(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return "unknown flag " + dashed(name)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return dashed(name) + " needs a value" + wants(fs.Lookup(name), " (", ")")
	}
	value, name, why, ok := invalidValue(msg)
	if !ok {
		return msg
	}
	switch why {
	case "parse error":
		if w := wants(fs.Lookup(name), "", ""); w != "" {
			return dashed(name) + ": " + value + " is not " + w
		}
		return dashed(name) + ": " + value + " is not a value it takes"
	case "value out of range":
		return dashed(name) + ": " + value + " is too large"
	}
	return dashed(name) + ": " + withoutPackage(why)
}

// invalidValue reads the flag package's `invalid [boolean ]value "V" for
// [flag ]-NAME: WHY`: V as quoted, NAME and WHY.
func invalidValue(msg string) (value, name, why string, ok bool) {
	rest, ok := strings.CutPrefix(msg, "invalid ")
	if !ok {
		return "", "", "", false
	}
	rest = strings.TrimPrefix(rest, "boolean ")
	if rest, ok = strings.CutPrefix(rest, "value "); !ok {
		return "", "", "", false
	}
	// The value is a Go-quoted string: find its closing quote.
	q, err := strconv.QuotedPrefix(rest)
	if err != nil {
		return "", "", "", false
	}
	rest = strings.TrimPrefix(rest[len(q):], " for ")
	rest = strings.TrimPrefix(rest, "flag ")
	if rest, ok = strings.CutPrefix(rest, "-"); !ok {
		return "", "", "", false
	}
	name, why, ok = strings.Cut(rest, ": ")
	if !ok || name == "" || strings.ContainsAny(name, " \t") {
		return "", "", "", false
	}
	return q, name, why, true
}

// dashed is a flag's name as the help writes it.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// wants says what kind of value f takes, between before and after; "" for
// a flag of its own type, whose Set says it.
func wants(f *flag.Flag, before, after string) string {
	if f == nil {
		return ""
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return ""
	}
	var w string
	switch g.Get().(type) {
	case int, int64:
		w = "a whole number"
	case uint, uint64:
		w = "a whole number, 0 or more"
	case float64:
		w = "a number"
	case time.Duration:
		w = "a duration like 2s or 200ms"
	case bool:
		w = "true or false"
	default:
		return ""
	}
	return before + w + after
}
