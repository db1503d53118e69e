package api

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/qriskit/qriskit/internal/excerpt"
)

// TransactionType is the transactions list's type filter.
type TransactionType string

// The types the gateway documents; each pair names one direction.
const (
	TypeCashIn  TransactionType = "cashIn"
	TypeReceive TransactionType = "receive"
	TypeCashOut TransactionType = "cashOut"
	TypeSend    TransactionType = "send"
)

// jakarta is the gateway's time zone: Asia/Jakarta has been UTC+7 without
// daylight saving since 1964, so a fixed zone needs no tzdata.
var jakarta = time.FixedZone("WIB", 7*60*60)

// DefaultMaxPages bounds [Client.All] unless [WithMaxPages] says
// otherwise: the gateway keeps seven days, and no page size it documents
// makes a week of a merchant's payments need more.
const DefaultMaxPages = 1000

// MaxListBytes bounds a page of the transactions list.
const MaxListBytes = 32 << 20

// Query selects a page of GET {base}/transactions. Zero fields are left
// to the gateway's defaults (page 1, status success, today).
type Query struct {
	// Page is the page, from 1; 0 means 1.
	Page int
	// Status is pending or success (the two the list documents).
	Status Status
	// Date is the day, taken in Jakarta time and sent as Y-m-d; the zero
	// time means today.
	Date time.Time
	// Type is cashIn/receive or cashOut/send; empty sends none.
	Type TransactionType
}

// Validate checks q; the error is a [FieldErrors] naming each parameter
// at fault.
func (q Query) Validate() error {
	var errs FieldErrors
	if q.Page < 0 {
		errs = append(errs, &FieldError{Field: "page", Err: fmt.Errorf("%w: %d (pages count from 1)", ErrNotPositive, q.Page)})
	}
	if q.Status != "" && q.Status != StatusPending && q.Status != StatusSuccess {
		errs = append(errs, &FieldError{Field: "status", Err: fmt.Errorf("%w %q (the list takes pending or success)", ErrUnknownStatus, q.Status)})
	}
	if q.Type != "" && !slices.Contains([]TransactionType{TypeCashIn, TypeReceive, TypeCashOut, TypeSend}, q.Type) {
		errs = append(errs, &FieldError{Field: "type", Err: fmt.Errorf("%w: %q (want cashIn, receive, cashOut or send)", ErrOutOfRange, q.Type)})
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// values writes q as the query string the gateway documents.
func (q Query) values() url.Values {
	v := url.Values{}
	v.Set("page", strconv.Itoa(max(q.Page, 1)))
	if q.Status != "" {
		v.Set("status", string(q.Status))
	}
	if !q.Date.IsZero() {
		v.Set("date", q.Date.In(jakarta).Format(time.DateOnly))
	}
	if q.Type != "" {
		v.Set("type", string(q.Type))
	}
	return v
}

// Transactions reads one page of the transactions list: GET
// {base}/transactions, signed over the key alone, retried as any call.
// Each transaction is read tolerantly (Unknown, Warnings) and not
// verified: the list is history, not a code to show. An empty page is an
// empty slice.
func (c *Client) Transactions(ctx context.Context, q Query) ([]Transaction, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	a, err := c.call(ctx, http.MethodGet, "/transactions", q.values(), nil, MaxListBytes)
	if err != nil {
		return nil, err
	}
	env, err := readEnvelope(a)
	if err != nil {
		return nil, err
	}
	var items []json.RawMessage
	if !isNull(env.data) {
		if err := json.Unmarshal(env.data, &items); err != nil {
			return nil, fmt.Errorf("%w: responseData is %s, not a list", ErrNotResponse, excerpt.Of(string(env.data), 40))
		}
	}
	ts := make([]Transaction, 0, len(items))
	for i, raw := range items {
		t, err := responseTransaction(raw)
		if err != nil {
			return nil, fmt.Errorf("transaction %d of page %d: %w", i+1, max(q.Page, 1), err)
		}
		ts = append(ts, t)
	}
	return ts, nil
}

// All reads the list page after page from q.Page, yielding each
// transaction, until a page comes back empty. It stops with an error
// wrapping [ErrTooManyPages] after [WithMaxPages] pages, or when a page
// starts with the transaction the page before started with (a gateway
// that ignores page); any other error ends it too, yielded once.
func (c *Client) All(ctx context.Context, q Query) iter.Seq2[Transaction, error] {
	return func(yield func(Transaction, error) bool) {
		first := max(q.Page, 1)
		prev := ""
		for n := 0; ; n++ {
			if n == c.maxPages {
				yield(Transaction{}, fmt.Errorf("%w: stopped after %d pages", ErrTooManyPages, n))
				return
			}
			q.Page = first + n
			ts, err := c.Transactions(ctx, q)
			if err != nil {
				yield(Transaction{}, err)
				return
			}
			if len(ts) == 0 {
				return
			}
			if ts[0].ID != "" && ts[0].ID == prev {
				yield(Transaction{}, fmt.Errorf("%w: page %d repeats page %d", ErrTooManyPages, q.Page, q.Page-1))
				return
			}
			prev = ts[0].ID
			for _, t := range ts {
				if !yield(t, nil) {
					return
				}
			}
		}
	}
}

// CheckStatus returns the gateway's own record of t, found in the
// transactions list by id; it fits [WithStatusCheck], so that a callback
// handler re-reads a transaction before trusting a callback:
//
//	api.NewCallbackHandler(key, token, settle, api.WithStatusCheck(client.CheckStatus))
//
// It looks on the days the transaction may have been created on, in
// Jakarta: from its expiredDate's day (or today, when that is later or
// unknown) back over the seven days the gateway keeps, under both
// statuses the list can filter (t's first). The list cannot filter
// failed or expired transactions, so for those t comes back unchanged.
// A transaction found nowhere is an error wrapping
// [ErrTransactionNotFound].
func (c *Client) CheckStatus(ctx context.Context, t Transaction) (Transaction, error) {
	if t.Status != StatusPending && t.Status != StatusSuccess {
		return t, nil
	}
	statuses := []Status{StatusSuccess, StatusPending}
	if t.Status == StatusPending {
		statuses = []Status{StatusPending, StatusSuccess}
	}
	today := c.now().In(jakarta)
	day := today
	if !t.ExpiredDate.IsZero() && t.ExpiredDate.Before(today) {
		day = t.ExpiredDate.In(jakarta)
	}
	oldest := today.AddDate(0, 0, -7).Format(time.DateOnly)
	for ; day.Format(time.DateOnly) >= oldest; day = day.AddDate(0, 0, -1) {
		for _, st := range statuses {
			for found, err := range c.All(ctx, Query{Status: st, Date: day}) {
				if err != nil {
					return Transaction{}, err
				}
				if found.ID == t.ID {
					return found, nil
				}
			}
		}
	}
	return Transaction{}, fmt.Errorf("%w: %s is not in the gateway's list of the last seven days", ErrTransactionNotFound, t.ID)
}
