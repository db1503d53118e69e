package sandbox

import (
	"strconv"

	"github.com/qriskit/qriskit/qris"
	"github.com/qriskit/qriskit/render"
)

// realDynamic makes the transaction's code the way the contract's example
// shows: the merchant's static QRIS turned dynamic for the payable amount
// (whole rupiah), with the id's reference label in 62.05.
func realDynamic(static string, amount int64, label string) (string, error) {
	return qris.ToDynamic(static, qris.DynamicOptions{Amount: strconv.FormatInt(amount, 10), ReferenceLabel: label})
}

// realImage renders content the way the gateway's qris.image carries it:
// a base64 PNG with render's defaults (level M, quiet zone, 256 pixels).
func realImage(content string) (string, error) {
	return render.Base64(content, render.Options{})
}
