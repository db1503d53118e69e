// Package qris reads, checks and writes QRIS payloads: Indonesia's national
// QR payment standard, a profile of EMVCo Merchant-Presented Mode.
//
// [Decode] turns a payload into a typed [Payment] (merchant accounts, amount,
// fees, additional data; unknown tags kept) that encodes back to the same
// bytes. [Validate] returns every problem at once, each with the rule id of the
// spec checklist, the tag, the offset and a message a person understands.
// [ToDynamic] turns a merchant's static QRIS into a dynamic one for an amount,
// keeping every byte of the merchant's data.
//
// One table, [Objects], describes every data object (tag, name, JSON key,
// format, length bounds, template or not): the validator checks against it,
// and the JSON form and the command line's labels read their names from it.
// The decoder's typed fields follow the same table, written out as code.
package qris
