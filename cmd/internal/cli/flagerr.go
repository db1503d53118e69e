package cli

import (
	"flag"
	"regexp"
	"time"
)

// Go's flag package words its errors for Go programmers ("invalid value
// "1.5" for flag -amount: parse error"); these pick them apart so that
// FlagMessage can say them again in the words of the help.
var (
	invalidValue = regexp.MustCompile(`^invalid (?:boolean )?value ("(?:[^"\\]|\\.)*") for (?:flag )?-(\S+): (.*)$`)
	needsValue   = regexp.MustCompile(`^flag needs an argument: -(\S+)$`)
	undefined    = regexp.MustCompile(`^flag provided but not defined: -(\S+)$`)
)

// FlagMessage says what is wrong with a command line fs could not parse,
// naming the flag as the help does (--amount, -o): `--amount: "1.5" is not
// a whole number`, with what kind of value the flag wants, or the flag's
// own explanation when it has one (its Set method's error).
func FlagMessage(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if m := undefined.FindStringSubmatch(msg); m != nil {
		return "unknown flag " + dashed(m[1])
	}
	if m := needsValue.FindStringSubmatch(msg); m != nil {
		return dashed(m[1]) + " needs a value" + wants(fs.Lookup(m[1]), " (", ")")
	}
	m := invalidValue.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	value, name, why := m[1], m[2], m[3]
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
