// Package fuzz holds the project's native Go fuzz targets, seeded from the
// real payloads in ../testdata. Run one with, for example:
//
//	go test ./fuzz -run '^$' -fuzz '^FuzzParse$' -fuzztime 20s
//
// Without -fuzz, `go test ./fuzz` replays the seeds (and anything a past run
// saved under testdata/fuzz) as ordinary tests.
package fuzz
