package render

import (
	"bytes"
	"testing"

	qrcode "github.com/skip2/go-qrcode"
)

// benchSize is the width both PNG benchmarks draw, the default of each.
const benchSize = 256

// BenchmarkPNG and BenchmarkSkip2Encode draw the same content at the same
// size and level into fresh memory; compare them in one run. Both report the
// PNG's length as bytes/png and the version as version.
func BenchmarkPNG(b *testing.B) {
	content := gatewayContent(b)
	o := Options{Size: benchSize}
	var buf bytes.Buffer
	if err := PNG(&buf, content, o); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		// A fresh buffer each time, as Encode returns fresh bytes.
		var out bytes.Buffer
		if err := PNG(&out, content, o); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/png")
	c, err := Encode(content, o)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(c.Version), "version")
}

func BenchmarkSkip2Encode(b *testing.B) {
	content := gatewayContent(b)
	out, err := qrcode.Encode(content, qrcode.Medium, benchSize)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := qrcode.Encode(content, qrcode.Medium, benchSize); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(out)), "bytes/png")
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(q.VersionNumber), "version")
}

// BenchmarkEncode and BenchmarkSkip2Matrix build the gateway example's
// matrix alone, without an image: ours, and skip2's New and Bitmap.
func BenchmarkEncode(b *testing.B) {
	content := gatewayContent(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Encode(content, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSkip2Matrix(b *testing.B) {
	content := gatewayContent(b)
	b.ReportAllocs()
	for b.Loop() {
		q, err := qrcode.New(content, qrcode.Medium)
		if err != nil {
			b.Fatal(err)
		}
		q.Bitmap()
	}
}

func BenchmarkSVG(b *testing.B) {
	content := gatewayContent(b)
	b.ReportAllocs()
	for b.Loop() {
		var out bytes.Buffer
		if err := SVG(&out, content, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
