// Package sandbox is a local stand-in for the payment gateway's QRIS API,
// the server behind `qris serve`: merchants develop and test against it
// without an account, a network or real money. It speaks the documented
// contract, so code that passes against it passes against the gateway.
//
// It keeps its data in SQLite (pure Go, modernc.org/sqlite; a file or
// ":memory:"), starts with a demo merchant and a demo client, and turns the
// merchant's static QRIS into a dynamic one per transaction.
//
// # Routes
//
//	POST /api/qris                  create a transaction (the contract's call)
//	GET  /api/transactions          the contract's list: ?page&status&date&type
//	GET  /api/qris/{id}             sandbox only: one transaction
//	POST /api/qris/{id}/pay         sandbox only: settle it (and choose callback faults)
//	GET  /api/qris/{id}/callbacks   sandbox only: the callbacks sent and every attempt
//	GET  /qris/{id}/page            public: the payer's page that qris.url points to
//	GET  /qris/{id}/image.png       public: the QR code as a PNG
//
// Each /api route is also served without the prefix, as older sandboxes
// did. A body is JSON whatever its Content-Type says.
//
// # Authentication
//
// Every route but the public two needs the contract's three headers:
// X-Client-Key (a known client), X-Client-Token (that client's token) and
// X-Signature, the gateway's documented scheme ([api.Sign]): lowercase hex
// HMAC-SHA512, keyed by the token, of the key followed by the body (the
// key alone without a body). The signature may cover the body as sent or
// json_encode of the decoded body; the answer's X-Sandbox-Signature-Over
// header says which matched, and [Config].SignatureOver narrows it to one.
// A client's IP ranges ([Client].IP) are checked after its credentials.
//
// # Callbacks
//
// Paying a transaction POSTs it, in the responseData shape without
// qris.image and written as json_encode writes it, to its
// additionalInfo.callback, with X-Client-Key and an X-Signature made with
// [api.Sign] over the exact bytes sent, plus X-Callback-Attempt (1, 2, …).
// The gateway documents no callbacks; this is the sandbox's assumption.
// Any 2xx answer delivers it; anything else, including a redirect or a
// timeout, is retried with exponential backoff up to [CallbackConfig]
// Attempts. The queue lives in the database, so a callback still
// undelivered when the server stops is sent after the next start.
//
// # Errors
//
// Every failure answers one envelope:
//
//	{"responseCode":422,"responseMessage":"the request is invalid: amount: missing",
//	 "errorCode":"REQUEST_INVALID","errors":[{"field":"amount","message":"missing"}]}
//
// with responseCode equal to the HTTP status, the documented error code
// (401/403 UNAUTHORIZED, 404 TRANSACTION_NOT_FOUND, 409
// DUPLICATE_REFERENCE, 422 REQUEST_INVALID) or one of the sandbox's own,
// every field at fault, and on a 409 DUPLICATE_REFERENCE the
// transactionId of the transaction that holds the reference.
//
// # Faults
//
// With [Config].Faults on, the amounts of [FaultAmounts] make a create
// answer each documented error, answer slowly ([FaultSlow]) or store the
// transaction and drop the connection ([FaultDrop], the lost answer a
// retry recovers from through DUPLICATE_REFERENCE). The pay route's body
// asks for duplicate or out-of-order callbacks and payments after expiry.
//
// # Durability
//
// The database runs in WAL mode with synchronous=FULL: a create or a
// payment is on disk before it is answered. A payment and its callbacks
// are written in one database transaction. Duplicate references are
// refused by a UNIQUE constraint, so concurrent creates cannot both win.
package sandbox
