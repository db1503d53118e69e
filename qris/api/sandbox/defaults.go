package sandbox

import (
	"errors"

	"github.com/qriskit/qriskit/render"
)

// realImage renders content the way the gateway's qris.image carries it:
// a base64 PNG with render's defaults (level M, quiet zone, 256 pixels).
func realImage(content string) (string, error) {
	return render.Base64(content, render.Options{})
}

func realDynamic(static string, amount int64, label string) (string, error) {
	return "", errors.New("no QRIS converter configured")
}
