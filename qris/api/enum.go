package api

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// enum is the closed-enum pattern [Status] and [FeePayer] share: a string
// type whose values the contract lists, with a sentinel for anything else.
// The values are listed once, here, and every message names them from the
// list.
type enum[T ~string] struct {
	values   []T   // in the order messages name them
	sentinel error // what an unknown value wraps
}

// parse returns the value named s (case-sensitive, as in the contract).
func (e enum[T]) parse(s string) (T, error) {
	if e.valid(T(s)) {
		return T(s), nil
	}
	return "", fmt.Errorf("%w %s (want %s)", e.sentinel, strconv.Quote(s), e.names())
}

func (e enum[T]) valid(v T) bool { return slices.Contains(e.values, v) }

// names lists the values as a sentence does: "a, b or c".
func (e enum[T]) names() string {
	var b strings.Builder
	for i, v := range e.values {
		switch {
		case i == 0:
		case i == len(e.values)-1:
			b.WriteString(" or ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(string(v))
	}
	return b.String()
}

// marshal refuses to write a value the contract does not define.
func (e enum[T]) marshal(v T) ([]byte, error) {
	if _, err := e.parse(string(v)); err != nil {
		return nil, err
	}
	return json.Marshal(string(v))
}

// unmarshal accepts only a JSON string naming one of the values; anything
// else wraps the sentinel, and [ErrWrongType] too when b is not a string.
func (e enum[T]) unmarshal(b []byte, dst *T) error {
	var name string
	if err := json.Unmarshal(b, &name); err != nil {
		return fmt.Errorf("%w: %w: want a JSON string, got %s", e.sentinel, ErrWrongType, b)
	}
	v, err := e.parse(name)
	if err != nil {
		return err
	}
	*dst = v
	return nil
}
