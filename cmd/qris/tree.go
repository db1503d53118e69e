package main

import (
	"errors"

	"github.com/qriskit/qriskit/cmd/internal/cli"
	"github.com/qriskit/qriskit/emv"
	"github.com/qriskit/qriskit/qris"
)

// node is one data object as decode shows it: a primitive, or a template
// with its objects below. Which tags are templates comes from the qris
// table, by position, so 62 → 99 → 00 nests as the spec says.
type node struct {
	field emv.Field
	name  string
	// template says the table declares a template here; kids holds its
	// objects, unless the value does not parse, in which case err says why
	// and the value is shown as it is.
	template bool
	kids     []node
	err      error
}

// tree turns parsed objects into nodes, descending into every template
// the table knows, as profile p reads it (qris.DescribeIn): the objects of
// a merchant account template (26..51) take the names of the scheme that
// owns its GUID, given in guid below the root, or generic ones; a scheme's
// own templates (VietQR's 38.01) open, and its plain values (PromptPay's
// 81) stay values. It returns the first template that failed to parse, if
// any.
func tree(fs emv.Fields, parent []emv.Tag, p qris.Profile, guid string) ([]node, error) {
	nodes := make([]node, 0, len(fs))
	var first error
	for _, f := range fs {
		path := append(parent[:len(parent):len(parent)], f.Tag)
		n := node{field: f}
		o, ok := qris.DescribeIn(p, guid, path...)
		if ok {
			n.name = o.Name
		}
		if ok && o.Template {
			n.template = true
			sub, err := f.Template()
			if err != nil {
				n.err = err
			} else {
				g := guid
				if len(path) == 1 {
					gf, _ := sub.Get(0)
					g = gf.Value
				}
				n.kids, err = tree(sub, path, p, g)
			}
			if first == nil {
				first = err
			}
		}
		nodes = append(nodes, n)
	}
	return nodes, first
}

// fieldJSON is one object of decode's JSON form and encode's input. A
// template has Fields and no Value; a template whose value does not parse
// keeps its Value and says why in Error, so encode still gives back the
// same payload.
type fieldJSON struct {
	Tag    string       `json:"tag"`
	Name   string       `json:"name"`
	Value  *string      `json:"value,omitempty"`
	Fields []fieldJSON  `json:"fields,omitempty"`
	Error  *problemJSON `json:"error,omitempty"`
}

func toJSON(nodes []node) []fieldJSON {
	out := make([]fieldJSON, len(nodes))
	for i, n := range nodes {
		out[i] = fieldJSON{Tag: n.field.Tag.String(), Name: n.name}
		switch {
		case n.template && n.err == nil:
			out[i].Fields = toJSON(n.kids)
		default:
			v := n.field.Value
			out[i].Value = &v
			if n.err != nil {
				out[i].Error = toProblem(n.err)
			}
		}
	}
	return out
}

// problemJSON says where a payload stopped making sense.
type problemJSON struct {
	Tag     string `json:"tag"`
	Offset  int    `json:"offset"`
	Message string `json:"message"`
}

func toProblem(err error) *problemJSON {
	var ee *emv.Error
	if errors.As(err, &ee) {
		return &problemJSON{Tag: ee.Tag, Offset: ee.Offset, Message: cli.EMVMessage(err)}
	}
	return &problemJSON{Message: err.Error()}
}
