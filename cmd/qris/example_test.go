package main

import (
	"os"
	"strings"

	"github.com/qriskit/qriskit/cmd/internal/cli"
)

// s2 is the spec's dynamic example: S1 for Rp 15,000 with bill INV-0001.
const s2 = "00020101021226630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605405150005802ID5911TOKO CONTOH6007JAKARTA61051011062190108INV-00010703A0163040FA4"

func exampleEnv() *cli.Env {
	return &cli.Env{Stdin: strings.NewReader(""), Stdout: os.Stdout, Stderr: os.Stdout}
}

// The tree of a dynamic QRIS: each object's tag, name, length and value,
// templates indented, and the CRC as found and as computed.
func Example_decode() {
	cli.Run(exampleEnv(), commands, []string{"decode", s2})
	// Output:
	// 00 Payload Format Indicator                                  02  01
	// 01 Point of Initiation Method                                02  12
	// 26 Merchant Account Information                              63
	//     00 Globally Unique Identifier                            17  ID.CO.EXAMPLE.WWW
	//     01 Merchant PAN                                          18  936099990000000017
	//     02 Merchant ID                                           09  EX0000001
	//     03 Merchant Criteria                                     03  UMI
	// 51 Merchant Account Information Domestic Central Repository  44
	//     00 Globally Unique Identifier                            14  ID.CO.QRIS.WWW
	//     02 National Merchant ID (NMID)                           15  ID1020000000001
	//     03 Merchant Criteria                                     03  UMI
	// 52 Merchant Category Code                                    04  5812
	// 53 Transaction Currency                                      03  360
	// 54 Transaction Amount                                        05  15000
	// 58 Country Code                                              02  ID
	// 59 Merchant Name                                             11  TOKO CONTOH
	// 60 Merchant City                                             07  JAKARTA
	// 61 Postal Code                                               05  10110
	// 62 Additional Data Field Template                            19
	//     01 Bill Number                                           08  INV-0001
	//     07 Terminal Label                                        03  A01
	// 63 CRC                                                       04  0FA4
	// CRC                                                              found 0FA4, computed 0FA4: ok
}

// A valid payload; problems, when there are some, come one a line.
func Example_validate() {
	cli.Run(exampleEnv(), commands, []string{"validate", s2})
	// Output:
	// valid
}

// Turning the static code into a dynamic one, and back.
func Example_dynamic() {
	cli.Run(exampleEnv(), commands, []string{"dynamic", "--amount", "15000", "--bill", "INV-0001", s1})
	cli.Run(exampleEnv(), commands, []string{"static", s2})
	// Output:
	// 00020101021226630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605405150005802ID5911TOKO CONTOH6007JAKARTA61051011062190108INV-00010703A0163040FA4
	// 00020101021126630017ID.CO.EXAMPLE.WWW01189360999900000000170209EX00000010303UMI51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605802ID5911TOKO CONTOH6007JAKARTA61051011062070703A01630499F7
}

// The CRC a payload should carry, with or without its tag 63.
func Example_crc() {
	cli.Run(exampleEnv(), commands, []string{"crc", strings.TrimSuffix(s2, "0FA4")})
	// Output:
	// 0FA4
}
