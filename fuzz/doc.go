// Package fuzz holds the project's native Go fuzz targets, seeded from the
// real payloads in ../testdata. The targets test the packages from outside,
// through their exported API only, and each asserts what must hold for
// every input, not only that nothing panics:
//
//	emv
//	  FuzzParse          strict and lenient parsing agree; what parses re-encodes
//	                     to itself, through String and the Builder; offsets in range
//	  FuzzBuildParse     what the Builder writes parses back to the same objects
//	qris
//	  FuzzValidate       both profiles, lenient and strict: sorted problems, offsets
//	                     in range, severities from the rule table, invalid whenever
//	                     the payload does not parse; agrees with Payment.Validate
//	                     and ValidatePayload; fast
//	  FuzzDecodeEncode   what Decode accepts encodes back to itself, directly and
//	                     through the JSON form
//	  FuzzDynamic        ToDynamic fails with one of qris's sentinels or gives a
//	                     valid dynamic QRIS of the same merchant; ToStatic of it
//	                     keeps the merchant data
//	qris/api
//	  FuzzDecodeRequest  the strict request decoder: typed errors wrapping one
//	                     sentinel, agreement with encoding/json, JSON round trip
//	  FuzzCallbackHandler  any signed body: 200 with one call of the function, or
//	                     400 with none, as encoding/json predicts; a redelivery
//	                     is a duplicate; a signature over other bytes is 401
//	  FuzzMarshalPHP     MarshalPHP is encoding/json plus json_encode's
//	                     escapes: it decodes to the value, is ASCII with every '/'
//	                     escaped, and equals a reference writer built from PHP's rules
//	qris/api/sandbox
//	  FuzzCreate         POST /qris answers the status the api package predicts,
//	                     never a 5xx; a created transaction verifies and reads back
//	render
//	  FuzzMatrix         the matrix is a real QR code, or the one error the inputs
//	                     call for
//	render/scan
//	  FuzzScan           any bytes: a text, or no text and one of scan's sentinels
//	  FuzzScanPixels     any small two-tone image: a text, ErrNoCode or
//	                     ErrMultipleCodes
//
// Run one with, for example:
//
//	go test ./fuzz -run '^$' -fuzz '^FuzzParse$' -fuzztime 20s
//
// Without -fuzz, `go test ./fuzz` replays the seeds (and anything a past run
// saved under testdata/fuzz) as ordinary tests.
package fuzz
