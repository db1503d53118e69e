package emv

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
)

// node is a generated data object: a primitive (Kids == nil) or a template.
type node struct {
	Tag   Tag
	Value string
	Kids  []node
}

var runePool = []rune("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz .-_/:*'&,#@éü北京語€😀")

// genNodes returns a gopter generator of object lists in any tag order, with
// templates nested up to three levels and UTF-8 values, that fit EMV's bounds.
func genNodes() gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		nodes := randomNodes(p.Rng, 0, 512-8-6)
		return gopter.NewGenResult(nodes, gopter.NoShrinker)
	}
}

// randomNodes makes objects whose encoding takes at most budget characters.
func randomNodes(r *rand.Rand, depth, budget int) []node {
	var out []node
	used := map[Tag]bool{}
	if depth == 0 {
		used[CRCTag] = true // the builder writes 63 itself
	}
	for n := 1 + r.Intn(12); n > 0 && budget > 5; n-- {
		tag := Tag(r.Intn(100))
		if used[tag] {
			continue
		}
		var nd node
		nd.Tag = tag
		room := min(99, budget-4)
		if depth < 3 && room >= 5 && r.Intn(3) == 0 {
			nd.Kids = randomNodes(r, depth+1, room)
			if size(nd.Kids) == 0 {
				nd.Kids = nil
			}
		}
		if nd.Kids == nil {
			l := 1 + r.Intn(min(room, 30))
			var b strings.Builder
			for range l {
				b.WriteRune(runePool[r.Intn(len(runePool))])
			}
			nd.Value = b.String()
		}
		used[tag] = true
		out = append(out, nd)
		budget -= 4 + nd.len()
	}
	return out
}

func (n node) len() int {
	if n.Kids != nil {
		return size(n.Kids)
	}
	return utf8.RuneCountInString(n.Value)
}

func size(ns []node) int {
	t := 0
	for _, n := range ns {
		t += 4 + n.len()
	}
	return t
}

func addNodes(b *Builder, ns []node) {
	for _, n := range ns {
		if n.Kids != nil {
			b.AddTemplate(n.Tag, func(c *Builder) { addNodes(c, n.Kids) })
		} else {
			b.Add(n.Tag, n.Value)
		}
	}
}

// readNodes parses fs back into nodes, descending where want has templates.
func readNodes(fs Fields, want []node) ([]node, error) {
	out := make([]node, 0, len(fs))
	for i, f := range fs {
		n := node{Tag: f.Tag, Value: f.Value}
		if i < len(want) && want[i].Kids != nil {
			kids, err := f.Template()
			if err != nil {
				return nil, err
			}
			n.Value = ""
			if n.Kids, err = readNodes(kids, want[i].Kids); err != nil {
				return nil, err
			}
		}
		out = append(out, n)
	}
	return out, nil
}

func properties(t *testing.T) *gopter.Properties {
	params := gopter.DefaultTestParameters()
	params.MinSuccessfulTests = 500
	params.Rng.Seed(20261125)
	return gopter.NewProperties(params)
}

func TestPropertyBuildParse(t *testing.T) {
	props := properties(t)
	props.Property("parse(build(objects)) gives the same objects, in order", prop.ForAll(
		func(ns []node) bool {
			b := Builder{}
			addNodes(&b, ns)
			s, err := b.Payload()
			if err != nil {
				t.Logf("build: %v", err)
				return false
			}
			p, err := Parse(s)
			if err != nil {
				t.Logf("parse %q: %v", s, err)
				return false
			}
			fs := p.Fields()
			got, err := readNodes(fs[:len(fs)-1], ns)
			if err != nil {
				t.Logf("templates: %v", err)
				return false
			}
			if len(ns) == 0 {
				return len(got) == 0
			}
			return reflect.DeepEqual(got, ns)
		},
		genNodes(),
	))
	props.Property("Payload writes what AppendPayload appends", prop.ForAll(
		func(ns []node) bool {
			b := Builder{}
			addNodes(&b, ns)
			s, err := b.Payload()
			prefix := []byte("x")
			buf, aerr := b.AppendPayload(prefix)
			return err == nil && aerr == nil && s == string(buf[1:]) && s == string(b.Bytes())+"6304"+CRC(string(b.Bytes())+"6304")
		},
		genNodes(),
	))
	props.Property("build(parse(s)) == s", prop.ForAll(
		func(ns []node) bool {
			b := Builder{}
			addNodes(&b, ns)
			s, err := b.Payload()
			if err != nil {
				return false
			}
			p, err := Parse(s)
			if err != nil {
				return false
			}
			again, err := rebuild(p.Fields())
			return err == nil && again == s && p.String() == s
		},
		genNodes(),
	))
	props.Property("any single-character substitution is rejected", prop.ForAll(
		func(ns []node, pos int, with rune) bool {
			b := Builder{}
			addNodes(&b, ns)
			s, err := b.Payload()
			if err != nil {
				return false
			}
			rs := []rune(s)
			i := pos % len(rs)
			if rs[i] == with {
				return true
			}
			rs[i] = with
			_, err = Parse(string(rs))
			if err == nil {
				t.Logf("accepted %q (position %d)", string(rs), i)
			}
			return err != nil
		},
		genNodes(),
		gen.IntRange(0, 1<<20),
		gen.OneGenOf(gen.RuneRange(0x20, 0x7e), gen.RuneRange('a', 'f'), gen.RuneRange('0', '9')),
	))
	props.TestingRun(t)
}

// TestEverySubstitutionRejected is exhaustive on the gateway example: every
// position, every printable ASCII replacement. CRC-16 catches any burst of
// up to 16 bits, so no single-byte change may slip through.
func TestEverySubstitutionRejected(t *testing.T) {
	s := []byte(gatewayContent)
	for i := range s {
		orig := s[i]
		for c := byte(0x20); c <= 0x7e; c++ {
			if c == orig {
				continue
			}
			s[i] = c
			if _, err := Parse(string(s)); err == nil {
				t.Fatalf("accepted a change at %d to %q", i, c)
			}
		}
		s[i] = orig
	}
}
