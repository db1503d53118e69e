package main

import (
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
)

func versionCommand() *command {
	return &command{
		name:     "version",
		summary:  "print the version of qris and of Go it was built with",
		examples: []string{"qris version"},
		define: func(fs *flag.FlagSet) func(*env, []string) error {
			return func(e *env, args []string) error {
				if len(args) > 0 {
					return usageError("version", "version takes no arguments")
				}
				_, err := fmt.Fprintln(e.stdout, versionString())
				if err != nil {
					return ioError(err, "")
				}
				return nil
			}
		},
	}
}

// versionString reports the module version when installed with go install,
// and the VCS revision when built from a checkout.
func versionString() string {
	v, rev, dirty := "(devel)", "", false
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	s := "qris " + v
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		s += " (" + rev
		if dirty {
			s += ", modified"
		}
		s += ")"
	}
	return s + " " + runtime.Version()
}
