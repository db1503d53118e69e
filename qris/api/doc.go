// Package api is the payment gateway's QRIS API from Go: a [Client] that
// creates transactions and lists them, the signature both ends use
// ([Sign] over the bytes [MarshalPHP] writes, as PHP's json_encode
// would), a [CallbackHandler] for the gateway's notifications, a verifier
// of what the gateway answers ([Verify], [VerifyResponse]), and the
// contract's types ([Request], [Response], [Transaction]) with strict
// decoders for them. It links no database: a program that imports only
// this package does not contain the sandbox's SQLite.
//
// # Calling the gateway
//
// [NewClient] takes the key and token the gateway issued, with
// [WithBaseURL] for [ProductionURL] or a local "qris serve" (the
// gateway's sandbox, [SandboxURL], is the default). Then:
//
//   - [Client.CreateQRIS] validates the request, writes it as PHP's
//     json_encode would ([MarshalPHP]), signs it ([Sign]: hex
//     HMAC-SHA512 keyed by the token over key + body), sends it, reads
//     the answer tolerantly and verifies it ([Verify]). A code that would
//     charge the payer another sum is a *[VerificationError] unless
//     [ReturnProblems] is set.
//   - [Client.Transactions] reads one page of the transactions list
//     (signed over the key alone); [Client.All] iterates over the pages;
//     [Client.CheckStatus] finds one transaction's record by id, as
//     [WithStatusCheck] wants.
//
// A refusal is an *[Error] with the HTTP status, the gateway's code, its
// message and the raw body; errors.Is matches it against a sentinel per
// documented code ([ErrDuplicateReference], [ErrUnauthorized], ...).
// Transport errors, 429 and 5xx are retried ([RetryPolicy]); a create
// whose answer was lost is found again by reference rather than made
// twice. A call that got no answer says what failed and where, and
// wraps what the http.Client met (see [Client]).
//
// The client and the callback handler read a transaction with one
// tolerant reader: names match as encoding/json matches them (exactly,
// else ignoring case), a status or fee payer the contract does not list
// is kept as sent, and an unknown field or a value of the wrong type
// (left zero) is kept in Transaction.Extra.Unknown; each is said in
// Extra.Warnings and none fails a payment flow. The strict decoders and
// [VerifyResponse] still refuse and report it.
//
// # Callbacks
//
// The gateway notifies additionalInfo.callback when a transaction changes.
// [NewCallbackHandler] returns the http.Handler to mount there: it checks
// the signature, decodes the transaction, drops redeliveries and calls a
// function, answering 2xx only when that function returned nil, so that
// the gateway retries otherwise:
//
//	h := api.NewCallbackHandler(key, token, func(ctx context.Context, t api.Transaction) error {
//		return orders.Settle(ctx, t.MerchantRef, t.ID, t.Status) // idempotent: may run twice
//	})
//	http.Handle("POST /notify", h)
//
// The gateway documents nothing about its callbacks, so this package
// assumes what the sandbox does and makes each assumption switchable:
//
//   - The body is one transaction in the shape of a create response's
//     responseData. It is read tolerantly, as the client reads answers
//     (above), so that nothing the gateway adds stops payments; only id
//     and status are required. [CallbackBody] gives the bytes as received.
//   - The signature is the request scheme, [Sign] with the client's key
//     and token, in X-Signature ([WithSignatureHeader]), over the body as
//     received or over json_encode of the decoded body; either is accepted
//     by default ([WithSignedBody]).
//   - A redelivery is the same id with the same status. Handled pairs are
//     kept by a [CallbackStore], by default a bounded one in memory
//     ([NewMemoryCallbackStore]); a pending callback for a transaction
//     already handled at another status is stale and is acknowledged
//     without calling the function. A pair is recorded only after the
//     function succeeded, so a crash in between runs the function again:
//     it must be idempotent.
//   - The body is trusted once its signature checks. [WithStatusCheck]
//     re-reads the transaction from the gateway first, as careful
//     integrations do.
//
// # Types and strict decoders
//
// The contract leaves some things open; this package decides them:
//
//   - Amounts are whole rupiah in an int64, written in JSON as integers.
//     10000.5, 1e4 and "10000" are refused, not rounded or converted.
//   - status and feePayer are closed enums ([Status], [FeePayer]); strict
//     decoding of an unknown value is an error, and so is encoding one.
//   - For the strict decoders ([DecodeRequest], [DecodeResponse]) field
//     names are case-sensitive and may appear once per object; unknown
//     fields and trailing data are refused. A plain json.Unmarshal still
//     works on these types but is as lenient as encoding/json always is.
//   - [Request.Validate] reports every problem at once, each naming its
//     field by JSON path (additionalInfo.callback), with the bounds the
//     contract does not give: [MaxReferenceLength], [MaxViewNameLength],
//     [MaxCallbackLength], [MaxAmount], [MaxExpiryMinutes].
//
// Errors wrap the Err* sentinels, for errors.Is. Those of the decoders
// are a *[FieldError] naming the field, and Validate's a [FieldErrors] of
// them, for errors.As; [ParseStatus], [ParseFeePayer], the enums' JSON
// methods and [VerifyResponse] return plain wrapped errors. The sentinels'
// comment (see [ErrMalformed]) says which function returns what.
//
// The sandbox server in package sandbox, below this one, implements the
// contract on a local machine.
package api
