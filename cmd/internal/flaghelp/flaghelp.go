// Package flaghelp writes the flag table of a command's help, for qris and
// qris-sandbox alike: one row a flag, "--name PLACEHOLDER  usage (default
// D)", the placeholder taken from the backquoted word of the usage.
package flaghelp

import (
	"flag"
	"fmt"
	"strings"
)

// Write appends fs's flags to b, aligned in two columns.
func Write(b *strings.Builder, fs *flag.FlagSet) {
	type row struct{ left, right string }
	var rows []row
	width := 0
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		left := "--" + f.Name
		if len(f.Name) == 1 {
			left = "-" + f.Name
		}
		if name != "" {
			left += " " + name
		}
		if d := f.DefValue; d != "" && d != "false" && d != "0" {
			usage += " (default " + d + ")"
		}
		width = max(width, len(left))
		rows = append(rows, row{left, usage})
	})
	for _, r := range rows {
		fmt.Fprintf(b, "  %-*s  %s\n", width, r.left, r.right)
	}
}
