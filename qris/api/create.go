package api

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/qriskit/qriskit/internal/excerpt"
	"github.com/qriskit/qriskit/qris"
)

// fatal reports whether p makes CreateQRIS fail by default.
func fatal(p qris.Problem) bool { return p.Severity == qris.SeverityError && p.Rule != "A11" }

// CreateQRIS creates a transaction: POST {base}/qris.
//
// It validates r first ([Request.Validate]: every problem at once, as a
// [FieldErrors], nothing sent), writes the body as PHP's json_encode
// would ([MarshalPHP]) and signs those bytes, sends it with retries,
// reads the answer tolerantly and verifies it against r ([Verify]: the
// echoes, the arithmetic, tag 54 against what the fee payer owes, the
// image against the content, the expiry at the client's clock). An answer
// that fails is a *[VerificationError] unless [ReturnProblems] is set.
//
// A refusal is an *[Error] (errors.Is against [ErrDuplicateReference] and
// the others). A retried create is safe: when a later try meets
// DUPLICATE_REFERENCE, an earlier one reached the gateway and only its
// answer was lost, so CreateQRIS looks the transaction up by reference
// ([Client.Transactions], today's and yesterday's Jakarta dates, pending
// and success) and returns it, instead of an error or a second
// transaction. Only a transaction echoing r (reference, amount, callback)
// is taken; without one the *Error is returned.
func (c *Client) CreateQRIS(ctx context.Context, r Request) (*Transaction, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	body, err := MarshalPHP(r)
	if err != nil {
		return nil, err
	}
	a, err := c.call(ctx, http.MethodPost, "/qris", nil, body, MaxResponseBytes)
	if err != nil {
		var ge *Error
		if a.tries > 1 && errors.As(err, &ge) && ge.Code == CodeDuplicateReference {
			return c.recover(ctx, r, ge)
		}
		return nil, err
	}
	env, err := readEnvelope(a)
	if err != nil {
		return nil, err
	}
	if isNull(env.data) {
		return nil, fmt.Errorf("%w: the gateway's answer has no responseData", ErrNotResponse)
	}
	t, err := responseTransaction(env.data)
	if err != nil {
		return nil, err
	}
	for _, k := range slices.Sorted(maps.Keys(env.fields)) {
		if k != "responseCode" && k != "responseMessage" && k != "responseData" {
			t.Extra.Warnings = append(t.Extra.Warnings, "unknown envelope field "+k+" ignored: "+excerpt.Of(string(env.fields[k]), 40))
		}
	}
	return c.verified(&t, r)
}

// verified verifies t against r; see VerificationError.
func (c *Client) verified(t *Transaction, r Request) (*Transaction, error) {
	o := c.verify
	o.Request = &r
	o.Now = c.now()
	t.Extra.Problems = Verify(*t, o)
	if c.returnProblems {
		return t, nil
	}
	for _, p := range t.Extra.Problems {
		if fatal(p) {
			return nil, &VerificationError{Transaction: t, Problems: t.Extra.Problems}
		}
	}
	return t, nil
}

// recover finds the transaction an earlier try of a create made.
func (c *Client) recover(ctx context.Context, r Request, dup *Error) (*Transaction, error) {
	t, err := c.findCreated(ctx, r, dup.TransactionID)
	if err != nil {
		return nil, fmt.Errorf("%w (an earlier try may have created it, but looking it up failed: %v)", dup, err)
	}
	if t == nil {
		return nil, dup
	}
	t.Extra.Warnings = append(t.Extra.Warnings, "an earlier try created the transaction; its answer was lost, so it was looked up by reference")
	return c.verified(t, r)
}

// findCreated searches the days a transaction made just now may fall on,
// in Jakarta (the gateway's dates), for one echoing r; nil when none does.
func (c *Client) findCreated(ctx context.Context, r Request, id string) (*Transaction, error) {
	today := c.now().In(jakarta)
	for _, day := range []time.Time{today, today.AddDate(0, 0, -1)} {
		for _, st := range []Status{StatusPending, StatusSuccess} {
			for t, err := range c.All(ctx, Query{Status: st, Date: day}) {
				if err != nil {
					return nil, err
				}
				if t.MerchantRef == r.Reference && (id == "" || t.ID == id) &&
					t.Amount == r.Amount && t.AdditionalInfo.Callback == r.AdditionalInfo.Callback {
					return &t, nil
				}
			}
		}
	}
	return nil, nil
}
