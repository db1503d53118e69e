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
// The sandbox server in package sandbox, below this one, implements the
// contract on a local machine.
package api
