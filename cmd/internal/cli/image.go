package cli

// ImageProgram is the program that runs the commands that draw QR codes
// and read them back: render and scan. The image encoders, the fonts of
// the sticker and the QR reader they link would slow the start of every
// other command, so qris runs it for them (found beside qris, or on
// PATH).
const ImageProgram = "qris-image"

// ImageCommand returns the command called name that qris-image runs, with
// its synopsis, summary and examples, which qris lists without it; nil
// when qris-image runs no such command. qris-image adds what the command
// does, its flags and its help.
func ImageCommand(name string) *Command { return lookup(imageCommands(), name) }

// imageCommands lists qris-image's commands, as qris's overview shows
// them. It builds the list on each call so that no mutable table lives in
// the package.
func imageCommands() []*Command {
	return []*Command{
		{
			Name:    "render",
			Args:    "[PAYLOAD|-]",
			Summary: "draw a payload as a QR code: PNG, SVG, base64, data URI, terminal text or a printable sticker",
			Examples: []string{
				"qris render -o qris.png 00020101021126630017ID.CO.EXAMPLE.WWW...6304ABCD",
				"# look at it in the terminal\nqris render --format terminal < payload.txt",
				"qris render --format svg --level Q -o qris.svg < payload.txt",
				"# a card to print, with your logo\nqris render --format sticker --logo shop.png -o sticker.svg < payload.txt",
			},
		},
		{
			Name:    "scan",
			Args:    "[FILE|-]",
			Summary: "read the QR code in an image and print its content",
			Examples: []string{
				"qris scan sticker.jpg",
				"# check a code a gateway sent as base64\nqris scan --validate response-image.txt",
				"qris render P | qris scan --validate",
			},
		},
	}
}

// Image is the companion qris-image, whose commands cmds lists.
func Image(cmds func() []*Command) Program {
	return Program{Name: ImageProgram, Intro: imageIntro, Commands: cmds, HelpExample: "render"}
}

const imageIntro = `qris-image is the program that qris runs for the commands that draw QR
codes and read them: render and scan. It holds the image encoders and
decoders, the sticker's fonts and the QR reader, which the other qris
commands do without. Use them through qris, as 'qris render ...'; run
directly, it takes the command's name first in the same way.

Usage: qris-image COMMAND [flags] [arguments]

Commands:
`
