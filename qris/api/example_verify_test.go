package api_test

import (
	"fmt"
	"os"
	"time"

	"github.com/qriskit/qriskit/qris/api"
)

// The contract's own example response charges 19477 in its QR content while
// the customer owes 10085: Verify says so, with the offset of tag 54.
func ExampleVerifyResponse() {
	body, err := os.ReadFile("testdata/api-example-response.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	now := time.Date(2025, 3, 23, 10, 0, 0, 0, time.FixedZone("WIB", 7*3600))
	problems, err := api.VerifyResponse(body, api.VerifyOptions{Now: now})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range problems {
		fmt.Println(p)
	}
	// Output:
	// error A04 tag 54 at 215: the content charges 19477 but the payer owes 10085 (customer pays the fee: totalAmount)
}
