// Package sandbox is a local stand-in for the payment gateway's QRIS API,
// the server behind `qris serve`: merchants develop and test against it
// without an account, a network or real money.
//
// It keeps its data in SQLite (pure Go, modernc.org/sqlite; a file or
// ":memory:"), starts with a demo merchant and a demo client, and turns the
// merchant's static QRIS into a dynamic one per transaction.
//
// # Routes
//
//	POST /qris                  create a transaction (the contract's call)
//	GET  /qris/{id}             the transaction; pending turns expired after expiredDate
//	POST /qris/{id}/pay         sandbox only: settle it as success, or {"status":"failed"}
//	GET  /qris/{id}/callbacks   sandbox only: the callbacks sent and every attempt
//	GET  /qris/{id}/page        public: the payer's page that qris.url points to
//	GET  /qris/{id}/image.png   public: the QR code as a PNG
//
// # Authentication
//
// Every route but the last two needs the contract's three headers:
// X-Client-Key (a known client), X-Client-Token (that client's token) and
// X-Signature. The contract does not define the signature; the sandbox uses
// the lower-case hex HMAC-SHA256 of the raw request body, keyed with the
// client's secret (upper case is accepted too). A GET signs the empty body.
// See [Sign]. [Config].DisableSignature turns the signature check off.
//
// # Callbacks
//
// Paying a transaction POSTs it, in the responseData shape without
// qris.image, to its additionalInfo.callback, with X-Client-Key and an
// X-Signature made the same way, plus X-Callback-Attempt (1, 2, …). Any
// 2xx answer delivers it; anything else, including a redirect or a
// timeout, is retried with exponential backoff up to [CallbackConfig]
// Attempts. Every attempt is recorded. The queue lives in the database, so
// a callback still undelivered when the server stops is sent after the
// next start.
//
// # Errors
//
// Errors use the contract's envelope, {"responseCode": N,
// "responseMessage": "..."}, with responseCode equal to the HTTP status:
//
//	400  the body is not valid: malformed or non-strict JSON, or a field
//	     breaks a rule (the message names every field at fault)
//	401  a header is missing, the client key is unknown, the token is
//	     wrong, or the signature does not match the body
//	404  no such transaction for this client, or no such route
//	405  the route exists but not for this method (Allow says which)
//	409  the reference is already used by this client, or the transaction
//	     is already settled or has expired and cannot be paid
//	413  the body is larger than MaxBodyBytes
//	415  a body that is not Content-Type application/json
//	500  the sandbox failed (details go to its log, not to the client)
//	503  the sandbox is shutting down
//
// # Durability
//
// The database runs in WAL mode with synchronous=FULL: a create or a
// payment is on disk before it is answered. A payment and its callback are
// written in one database transaction. Duplicate references are refused
// by a UNIQUE constraint, so concurrent creates cannot both win.
package sandbox
