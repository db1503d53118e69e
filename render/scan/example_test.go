package scan_test

import (
	"errors"
	"fmt"
	"image"
	"image/png"
	"log"
	"strings"

	"github.com/qriskit/qriskit/render"
	"github.com/qriskit/qriskit/render/scan"
)

// content is the gateway's example qris.content.
const content = "00020101021226640017ID.CO.DANAMON.WWW0118936000110000274394021010319543930303UME51440014ID.CO.QRIS.WWW0215ID10243618787380303UME627601161757471499309912051666e934f6f5d64f1c07091540393439919000200010931546444853033605405194776014BANDAR LAMPUNG520489995907TopUpKu5802ID610535122630436F3"

// Check that an image someone sent really holds the content they claim.
func ExampleBytes() {
	image, err := render.DataURI(content, render.Options{Level: render.High})
	if err != nil {
		log.Fatal(err)
	}
	text, err := scan.Bytes([]byte(image))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(text == content)

	_, err = scan.Bytes([]byte("not an image"))
	fmt.Println(errors.Is(err, scan.ErrNotImage))
	fmt.Println(err)
	// Output:
	// true
	// true
	// not an image: the input is not PNG, JPEG or GIF bytes, nor base64 or a data URI holding them
}

// Read a picture already in memory, such as a camera frame.
func ExampleImage() {
	var b strings.Builder
	if err := render.PNG(&b, content, render.Options{}); err != nil {
		log.Fatal(err)
	}
	img, err := png.Decode(strings.NewReader(b.String()))
	if err != nil {
		log.Fatal(err)
	}
	text, err := scan.Image(img)
	fmt.Println(text == content, err)

	blank := image.NewGray(image.Rect(0, 0, 100, 100))
	_, err = scan.Image(blank)
	fmt.Println(errors.Is(err, scan.ErrNoCode))
	// Output:
	// true <nil>
	// true
}
