package api

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"
)

// The client reads answers tolerantly: a field the contract does not
// define, or a status it does not list, is kept and reported in the
// Transaction (Unknown, Warnings) and never fails a payment flow. The
// strict decoders (DecodeResponse) and VerifyResponse do not share this
// code: they exist to refuse and to report.

// envelope is {"responseCode", "responseMessage", "responseData"} read
// without refusing anything.
type envelope struct {
	code    int
	hasCode bool
	data    json.RawMessage
	fields  map[string]json.RawMessage
}

// readEnvelope reads a 2xx answer's envelope; the error wraps
// ErrNotResponse when body is not a JSON object.
func readEnvelope(body []byte) (envelope, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil || m == nil {
		return envelope{}, fmt.Errorf("%w: the gateway's answer %s", ErrNotResponse, abbreviate(string(body)))
	}
	e := envelope{fields: m, data: m["responseData"]}
	e.code, e.hasCode = responseCodeOf(m["responseCode"])
	return e, nil
}

// refusal returns the *Error a 2xx answer whose responseCode is not 2xx
// stands for, or nil.
func (e envelope) refusal(status int, body []byte) *Error {
	if !e.hasCode || (e.code >= 200 && e.code < 300) {
		return nil
	}
	ge := parseError(status, body)
	ge.StatusCode = e.code
	return ge
}

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || string(raw) == "null"
}

// decodeTransaction reads responseData tolerantly. Only a value that is
// not a JSON object is an error.
func decodeTransaction(raw json.RawMessage) (Transaction, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		return Transaction{}, fmt.Errorf("%w: responseData is %s, not an object", ErrNotResponse, abbreviate(string(raw)))
	}
	t := Transaction{Extra: &Extra{Raw: append(json.RawMessage(nil), raw...)}}
	r := tolerantReader{t: &t}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v := m[k]
		switch k {
		case "id":
			r.str(k, v, &t.ID)
		case "merchantRef":
			r.str(k, v, &t.MerchantRef)
		case "status":
			var s string
			if r.str(k, v, &s) {
				t.Status = Status(s)
				if !t.Status.Valid() {
					r.warn("status %q is not one the contract lists (%s); kept as sent", s, statuses.names())
				}
			}
		case "feePayer":
			var s string
			if r.str(k, v, &s) {
				t.FeePayer = FeePayer(s)
				if !t.FeePayer.Valid() {
					r.warn("feePayer %q is not one the contract lists (%s); kept as sent", s, feePayers.names())
				}
			}
		case "amount":
			r.int(k, v, &t.Amount)
		case "fee":
			r.int(k, v, &t.Fee)
		case "totalAmount":
			r.int(k, v, &t.TotalAmount)
		case "expiredDate":
			var s string
			if r.str(k, v, &s) {
				if tm, err := time.Parse(time.RFC3339, s); err == nil {
					t.ExpiredDate = tm
				} else {
					r.cannot(k, v, "not an RFC 3339 time")
				}
			}
		case "additionalInfo":
			r.object(k, v, func(k string, v json.RawMessage) bool {
				return k == "additionalInfo.callback" && r.str(k, v, &t.AdditionalInfo.Callback)
			})
		case "qris":
			r.object(k, v, func(k string, v json.RawMessage) bool {
				switch k {
				case "qris.content":
					return r.str(k, v, &t.QRIS.Content)
				case "qris.image":
					return r.str(k, v, &t.QRIS.Image)
				case "qris.url":
					return r.str(k, v, &t.QRIS.URL)
				}
				return false
			})
		default:
			r.unknown(k, v)
		}
	}
	return t, nil
}

type tolerantReader struct{ t *Transaction }

func (r tolerantReader) warn(format string, args ...any) {
	r.t.Extra.Warnings = append(r.t.Extra.Warnings, fmt.Sprintf(format, args...))
}

func (r tolerantReader) keep(path string, v json.RawMessage) {
	if r.t.Extra.Unknown == nil {
		r.t.Extra.Unknown = make(map[string]json.RawMessage)
	}
	r.t.Extra.Unknown[path] = v
}

func (r tolerantReader) unknown(path string, v json.RawMessage) {
	r.keep(path, v)
	r.warn("unknown field %s kept", path)
}

func (r tolerantReader) cannot(path string, v json.RawMessage, why string) {
	r.keep(path, v)
	r.warn("%s %s is %s; kept as sent", path, abbreviate(string(v)), why)
}

// str reads a JSON string (null leaves it empty); it reports whether it
// read one.
func (r tolerantReader) str(path string, v json.RawMessage, dst *string) bool {
	if isNull(v) {
		return false
	}
	if err := json.Unmarshal(v, dst); err != nil {
		r.cannot(path, v, "not a string")
		return false
	}
	return true
}

// int reads a whole number (null leaves it 0).
func (r tolerantReader) int(path string, v json.RawMessage, dst *int64) {
	if isNull(v) {
		return
	}
	n, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		r.cannot(path, v, "not a whole number")
		return
	}
	*dst = n
}

// object reads a nested object, handing each member (by path) to field,
// which reports whether it took it; the rest are unknown.
func (r tolerantReader) object(path string, v json.RawMessage, field func(string, json.RawMessage) bool) {
	if isNull(v) {
		return
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(v, &m); err != nil {
		r.cannot(path, v, "not an object")
		return
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		p := path + "." + k
		if !field(p, m[k]) && !isNull(m[k]) {
			if _, kept := r.t.Extra.Unknown[p]; !kept {
				r.unknown(p, m[k])
			}
		}
	}
}
