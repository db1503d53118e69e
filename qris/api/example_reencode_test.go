package api_test

import (
	"fmt"

	"github.com/qriskit/qriskit/qris/api"
)

func ExampleReencodePHP() {
	body := []byte("{\n  \"viewName\": \"Café ☕\",\n  \"callback\": \"http://shop.example/notify\",\n  \"amount\": 10000\n}")
	php, err := api.ReencodePHP(body)
	fmt.Println(string(php), err)
	// Output:
	// {"viewName":"Caf\u00e9 \u2615","callback":"http:\/\/shop.example\/notify","amount":10000} <nil>
}
