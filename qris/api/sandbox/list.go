package sandbox

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/qriskit/qriskit/qris/api"
)

// The query parameters of GET /api/transactions.
var listParams = map[string]bool{"page": true, "status": true, "date": true, "type": true}

// maxPage bounds page, so that an offset never overflows.
const maxPage = 1_000_000

// list is GET /api/transactions?page=1&status=success&date=2025-03-23&type=cashIn,
// the gateway's documented lookup: the client's transactions created on
// one day (Jakarta time), with one status, PageSize to a page, oldest
// first. Records older than Retention are not returned. Every parameter
// is optional: page 1, status success, date today, every type. A QRIS
// transaction is money in, so type cashOut (or send) lists nothing.
func (s *Server) list(r *http.Request, c client, _ []byte) (any, *apiError) {
	q := r.URL.Query()
	var errs api.FieldErrors
	bad := func(field, format string, args ...any) {
		errs = append(errs, &api.FieldError{Field: field, Err: fmt.Errorf(format, args...)})
	}
	for name, vs := range q {
		switch {
		case !listParams[name]:
			bad(name, "unknown parameter (the list takes page, status, date and type)")
		case len(vs) > 1:
			bad(name, "given %d times", len(vs))
		}
	}
	page := 1
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPage || !isDigits(v) {
			bad("page", "%q: want a whole number from 1 to %d", v, maxPage)
		}
		page = n
	}
	status := api.StatusSuccess
	switch v := q.Get("status"); v {
	case "", string(api.StatusSuccess):
	case string(api.StatusPending):
		status = api.StatusPending
	default:
		bad("status", "%q: want pending or success", v)
	}
	now := s.now()
	y, m, d := now.In(jakarta).Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, jakarta)
	if v := q.Get("date"); v != "" {
		t, err := time.ParseInLocation("2006-01-02", v, jakarta)
		if err != nil {
			bad("date", "%q: want a date written Y-m-d, such as 2025-03-23", v)
		}
		day = t
	}
	out := false
	switch v := q.Get("type"); v {
	case "", "cashIn", "receive":
	case "cashOut", "send":
		out = true
	default:
		bad("type", "%q: want cashIn, receive, cashOut or send", v)
	}
	if len(errs) > 0 {
		return nil, invalid(errs)
	}
	views := []*api.Transaction{}
	from, to := later(day, now.Add(-Retention)), day.Add(24*time.Hour)
	if out || !from.Before(to) {
		return views, nil
	}
	ts, err := s.store.list(r.Context(), c.Key, status, from, to, now, s.cfg.PageSize, (page-1)*s.cfg.PageSize)
	if err != nil {
		return nil, s.internal(r, "listing transactions", err)
	}
	for _, t := range ts {
		views = append(views, s.view(r, t, true))
	}
	return views, nil
}

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
