package render_test

import (
	"fmt"
	"image/png"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/qriskit/qriskit/render"
	"github.com/qriskit/qriskit/render/scan"
)

// content is the gateway's example qris.content.
const content = "00020101021226640017ID.CO.DANAMON.WWW0118936000110000274394021010319543930303UME51440014ID.CO.QRIS.WWW0215ID10243618787380303UME627601161757471499309912051666e934f6f5d64f1c07091540393439919000200010931546444853033605405194776014BANDAR LAMPUNG520489995907TopUpKu5802ID610535122630436F3"

// Write a code to a PNG file, large enough to print as a sticker.
func ExamplePNG() {
	name := filepath.Join(os.TempDir(), "qris-example.png")
	f, err := os.Create(name)
	if err != nil {
		log.Fatal(err)
	}
	defer os.Remove(name)
	if err := render.PNG(f, content, render.Options{Size: 1024, Level: render.Quartile}); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}

	f, err = os.Open(name)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s is %d×%d pixels\n", filepath.Base(name), cfg.Width, cfg.Height)
	// Output:
	// qris-example.png is 1024×1024 pixels
}

// Fill the image field of an API response: the same code, base64 PNG.
func ExampleBase64() {
	image, err := render.Base64(content, render.Options{})
	if err != nil {
		log.Fatal(err)
	}
	qris := map[string]string{"content": content, "image": image}

	// Every base64 PNG starts with the PNG signature's encoding.
	fmt.Println(strings.HasPrefix(qris["image"], "iVBORw0KGgo"))
	// Output:
	// true
}

// Show a code in a terminal with light text on a dark background.
func ExampleTerminal() {
	err := render.Terminal(os.Stdout, "hello", render.Options{Invert: true, Level: render.Low})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// █████████████████████████████
	// █████████████████████████████
	// ████ ▄▄▄▄▄ █▀ █ ▄█ ▄▄▄▄▄ ████
	// ████ █   █ █▄ █▀▄█ █   █ ████
	// ████ █▄▄▄█ █ ██▀ █ █▄▄▄█ ████
	// ████▄▄▄▄▄▄▄█ ▀ ▀ █▄▄▄▄▄▄▄████
	// ████▄ ▀ ▀▀▄ ▀ ▄███ ▄▄█▄ ▀████
	// ██████▄ █ ▄▄ █▄▀▄▄███ ▄▀ ████
	// ████████▄█▄▄▀  ▀▄█▄▀ █▀█▀████
	// ████ ▄▄▄▄▄ █▄  ▀▀ █ ▀▄▄▄█████
	// ████ █   █ █▀▄▀ ██▄ ▄▀▀▀ ████
	// ████ █▄▄▄█ █▀  █▄▀▀█▄█▄█▄████
	// ████▄▄▄▄▄▄▄█▄█▄▄▄██▄█▄█▄█████
	// █████████████████████████████
	// █████████████████████████████
}

// See which version the encoder chose, and ask for a larger one so that a
// run of codes prints at one size.
func ExampleEncode() {
	code, err := render.Encode(content, render.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("version %d, %d modules across, level %v\n", code.Version, code.Size(), code.Level)

	code, err = render.Encode(content, render.Options{MinVersion: 12})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("version %d, %d modules across\n", code.Version, code.Size())
	fmt.Println(code.Dark(0, 0), code.Dark(7, 0)) // a finder's corner, its separator
	// Output:
	// version 9, 53 modules across, level M
	// version 12, 65 modules across
	// true false
}

// Read a level from a flag or a config file.
func ExampleParseLevel() {
	l, err := render.ParseLevel("q")
	fmt.Println(l, err)
	_, err = render.ParseLevel("best")
	fmt.Println(err)
	// Output:
	// Q <nil>
	// render: ParseLevel: bad options: unknown error-correction level "best"; use L, M, Q or H
}

// Lay out a printable sticker around a code: a title and subtitle above it,
// the lines and a footer below. The code reads back from the PNG.
func ExampleSticker() {
	var b strings.Builder
	err := render.Sticker(&b, content, render.StickerOptions{
		Title:    "TopUpKu",
		Subtitle: "BANDAR LAMPUNG",
		Lines:    []string{"NMID ID1024361878738"},
		Footer:   "CRC 36F3",
	})
	if err != nil {
		log.Fatal(err)
	}
	got, err := scan.Bytes([]byte(b.String()))
	fmt.Println(got == content, err)
	// Output: true <nil>
}
