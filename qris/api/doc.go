// Package api holds the types of the payment gateway's QRIS API
// (POST {HOST}/qris): the [Request] a merchant sends, the [Response] and
// [Transaction] the gateway answers with, and strict decoders for both.
//
// The contract leaves some things open; this package decides them:
//
//   - Amounts are whole rupiah in an int64, written in JSON as integers.
//     10000.5, 1e4 and "10000" are refused, not rounded or converted.
//   - status and feePayer are closed enums ([Status], [FeePayer]); decoding
//     an unknown value is an error, and so is encoding one.
//   - Field names are case-sensitive and may appear once per object;
//     unknown fields and trailing data are refused by [DecodeRequest] and
//     [DecodeResponse]. A plain json.Unmarshal still works on these types
//     but is as lenient as encoding/json always is.
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
//     responseData. It is decoded tolerantly, unlike the strict decoders:
//     unknown fields are ignored and a new status is passed through, so
//     that nothing the gateway adds stops payments; only id and status are
//     required. [CallbackBody] gives the bytes as received.
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
// # Calling the gateway
//
// [Client] is the gateway's API from Go: [NewClient] with the key and
// token, [WithBaseURL] for [ProductionURL] or a local "qris serve"
// (the gateway's sandbox, [SandboxURL], is the default), then
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
// twice. What the tolerant read meets that the contract does not define
// (a field, a status) is kept in Transaction.Extra.Unknown and said
// in Extra.Warnings; the strict decoders and [VerifyResponse] still
// refuse and report it. The client links no database: a program that
// imports only this package does not contain the sandbox's SQLite.
//
// The sandbox server in package sandbox, below this one, implements the
// contract on a local machine.
package api
