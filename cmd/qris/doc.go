// Command qris reads, checks, converts and draws QRIS payment payloads
// (EMVCo Merchant-Presented Mode QR codes, Indonesia's profile).
//
// Usage:
//
//	qris decode   [--json] [PAYLOAD|-]
//	qris validate [--json] [--profile NAME] [--strict] [--lines] [PAYLOAD|FILE|-]
//	qris encode   [FILE|-]
//	qris dynamic  --amount N [--tip prompt|fixed:X|percent:Y] [--bill ID] [--reference R] [--terminal T] [STATIC|-]
//	qris static   [DYNAMIC|-]
//	qris render   [--format png|svg|base64|datauri|terminal] [--size PX] [--level L|M|Q|H] [PAYLOAD|-]
//	qris scan     [--validate] [FILE|-]
//	qris crc      [PAYLOAD|-]
//	qris verify   [--json] [--request REQ.json] [--merchant STATIC] [--now RFC3339] [RESPONSE.json|-]
//	qris create   [--reference R --amount N --view-name NAME --callback URL [--expiry MIN]] [--host URL] [REQUEST.json|-]
//	qris transactions [--page N] [--status pending|success] [--date YYYY-MM-DD] [--type T] [--all] [--host URL]
//	qris serve    [--addr 127.0.0.1:8080] [--db FILE] [--merchant STATIC] [--fee RULE] [--fee-payer customer|merchant] [--clients FILE] [--no-signature]
//	qris version
//	qris help     [COMMAND]
//
// NAME, the profile whose rules apply, is one of qris.ProfileNames
// ('qris help validate' lists them).
//
// A payload argument can be "-" or left out to read standard input. Output
// goes to standard output or to the file -o names. Flags may come before or
// after the argument. The exit status is 0 for success (a valid payload), 1
// when the input is invalid, 2 for a usage or I/O error. 'qris help COMMAND'
// documents every flag with examples; USAGE.md beside this file is the
// reference, JSON shapes included.
//
// create and transactions call the payment gateway through package
// qris/api's Client, with the key and token from QRIS_CLIENT_KEY and
// QRIS_CLIENT_TOKEN (or --key and --token); exit status 1 there means the
// gateway refused or its answer failed verification.
//
// render and scan run in the program qris-image, verify, create and
// transactions in qris-gateway, serve in qris-sandbox, found beside qris
// or on PATH: what they link (the image formats, the QR reader, the HTTP
// client, SQLite) would slow the start of every other command.
//
// The command is thin: every rule lives in packages emv, qris, qris/api
// and render.
package main
