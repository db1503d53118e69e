package api

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/qriskit/qriskit/qris"
)

// Response is the gateway's answer envelope. On success ResponseData holds
// the transaction; on an error only the code and the message are sent.
type Response struct {
	// ResponseCode repeats the HTTP status of the call (200 on success).
	ResponseCode int `json:"responseCode"`
	// ResponseMessage is a short description: "success", or what went
	// wrong.
	ResponseMessage string `json:"responseMessage"`
	// ResponseData is the transaction; nil in error responses.
	ResponseData *Transaction `json:"responseData,omitempty"`
}

// Transaction is responseData: one QRIS transaction as the gateway reports
// it, in answer to a create or a lookup and in callbacks.
//
// Amount, Fee and TotalAmount are whole rupiah (see [Request]). The
// contract's arithmetic is TotalAmount = Amount + Fee, and the QR content
// must charge FeePayer.Payable(Amount, Fee).
type Transaction struct {
	// ID is the gateway's transaction id, a UUID.
	ID string `json:"id"`
	// MerchantRef echoes the request's reference.
	MerchantRef string `json:"merchantRef"`
	// Status is where the transaction is in its life cycle.
	Status Status `json:"status"`
	// FeePayer says who pays Fee.
	FeePayer FeePayer `json:"feePayer"`
	// Amount is the request's amount.
	Amount int64 `json:"amount"`
	// Fee is the gateway's fee.
	Fee int64 `json:"fee"`
	// TotalAmount is Amount + Fee.
	TotalAmount int64 `json:"totalAmount"`
	// ExpiredDate is when a pending transaction expires. The gateway writes
	// it in RFC 3339 with the Jakarta offset (2025-03-23T10:24:58+07:00);
	// decoding keeps the offset, so a round trip writes the same text.
	ExpiredDate time.Time `json:"expiredDate"`
	// AdditionalInfo echoes the request's callback.
	AdditionalInfo AdditionalInfo `json:"additionalInfo"`
	// QRIS is what the payer scans.
	QRIS QRIS `json:"qris"`

	// Extra is what the tolerant read ([Client], [CallbackHandler]) adds
	// to a transaction; nil when the strict decoders read it. A pointer, so that transactions still
	// compare with == (compare them without it).
	Extra *Extra `json:"-"`
}

// QRIS is responseData.qris.
type QRIS struct {
	// Content is the QRIS payload to show as a QR code.
	Content string `json:"content"`
	// Image is the same code as a base64 PNG. The contract's field table
	// lists it but its example leaves it out, so it is omitted when empty.
	Image string `json:"image,omitempty"`
	// URL is where the payer is sent after scanning; the contract's example
	// sends it empty, so it is always written.
	URL string `json:"url"`
}

// ReferenceLabel is what a transaction's dynamic QRIS carries in 62.05
// (reference label): the first 16 hex digits of id without its dashes, as
// the contract's example shows (id 66e934f6-f5d6-4f1c-… gives
// 66e934f6f5d64f1c). An id with fewer than 16 characters left after the
// dashes go is returned whole, dashes removed, rather than refused: the
// verifier judges ids separately (A10).
func ReferenceLabel(id string) string {
	label := strings.ReplaceAll(id, "-", "")
	if len(label) > 16 {
		label = label[:16]
	}
	return label
}

// Extra is what [Client] and [CallbackHandler] know of a transaction
// beyond its fields: they read it tolerantly, keeping what the contract
// does not define instead of failing a payment flow.
type Extra struct {
	// Raw is responseData (or the callback's body) as the gateway sent
	// it, unknown fields included.
	Raw json.RawMessage
	// Unknown holds, by JSON path ("qris.deeplink"), the fields the
	// contract does not define and those whose value could not be read
	// into its field (an amount written as a string, say), as sent.
	Unknown map[string]json.RawMessage
	// Warnings says, in a sentence each, what the tolerant read noticed:
	// an unknown field, a status or fee payer the contract does not list
	// (kept in Status or FeePayer as sent), a value it could not read, a
	// name matched only ignoring case, a field sent twice, a create found
	// again after its answer was lost.
	Warnings []string
	// Problems is what [Client.CreateQRIS]'s verification found; see
	// [VerificationError]. Empty for the list and for callbacks, which are
	// not verified.
	Problems []qris.Problem
}
