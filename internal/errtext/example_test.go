package errtext_test

import (
	"errors"
	"fmt"

	"github.com/qriskit/qriskit/internal/errtext"
)

func ExampleJoin() {
	cause := errors.New("disk full")
	fmt.Println(errtext.Join("render", "PNG", "cannot write the output", "", errtext.Of(cause)))
	// Output: render: PNG: cannot write the output: disk full
}
