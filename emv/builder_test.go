package emv

import (
	"errors"
	"strings"
	"testing"
)

func TestBuilderNested(t *testing.T) {
	var b Builder
	b.Add(0, "01")
	b.Add(1, "12")
	b.AddTemplate(62, func(c *Builder) {
		c.Add(5, "REF")
		c.AddTemplate(99, func(cc *Builder) {
			cc.Add(0, "00")
			cc.Add(1, "北京")
		})
	})
	got, err := b.Payload()
	if err != nil {
		t.Fatal(err)
	}
	want := withCRC("000201" + "010212" + "6223" + "0503REF" + "9912" + "000200" + "0102北京")
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	p, err := Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	if f, ok := p.Lookup(62, 99, 1); !ok || f.Value != "北京" {
		t.Fatalf("Lookup: %+v %v", f, ok)
	}
}

func TestBuilderErrors(t *testing.T) {
	tests := []struct {
		name   string
		build  func(b *Builder)
		err    error
		tag    string
		offset int
	}{
		{"tag out of range", func(b *Builder) { b.Add(0, "01"); b.Add(100, "x") }, ErrTagRange, "", 6},
		{"empty value", func(b *Builder) { b.Add(59, "") }, ErrEmptyValue, "59", 0},
		{"value too long", func(b *Builder) { b.Add(59, strings.Repeat("x", 100)) }, ErrValueTooLong, "59", 0},
		{"value 99 characters of 3 bytes is fine, 100 is not", func(b *Builder) { b.Add(64, strings.Repeat("語", 100)) }, ErrValueTooLong, "64", 0},
		{"bad utf8", func(b *Builder) { b.Add(59, "a\xffb") }, ErrUTF8, "59", 0},
		{"duplicate", func(b *Builder) { b.Add(0, "01"); b.Add(0, "01") }, ErrDuplicate, "00", 6},
		{"crc by hand", func(b *Builder) { b.Add(63, "ABCD") }, ErrCRCReserved, "63", 0},
		{"empty template", func(b *Builder) { b.AddTemplate(62, func(*Builder) {}) }, ErrEmptyValue, "62", 0},
		{"template too long", func(b *Builder) {
			b.AddTemplate(62, func(c *Builder) { c.Add(1, strings.Repeat("x", 90)); c.Add(2, strings.Repeat("y", 10)) })
		}, ErrValueTooLong, "62", 0},
		{"error inside template names the path", func(b *Builder) {
			b.Add(0, "01")
			b.AddTemplate(62, func(c *Builder) { c.Add(5, "A"); c.AddTemplate(99, func(cc *Builder) { cc.Add(1, "") }) })
		}, ErrEmptyValue, "62.99.01", 19},
		{"payload too long", func(b *Builder) {
			for tag := Tag(26); tag < 32; tag++ {
				b.Add(tag, strings.Repeat("x", 99))
			}
		}, ErrTooLong, "63", 618},
		{"first error sticks", func(b *Builder) { b.Add(59, ""); b.Add(60, "ok"); b.Add(100, "x") }, ErrEmptyValue, "59", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b Builder
			tt.build(&b)
			_, err := b.Payload()
			if !errors.Is(err, tt.err) {
				t.Fatalf("got %v, want %v", err, tt.err)
			}
			var e *Error
			if !errors.As(err, &e) || e.Tag != tt.tag || e.Offset != tt.offset {
				t.Fatalf("got tag %q offset %d, want %q %d (%v)", e.Tag, e.Offset, tt.tag, tt.offset, err)
			}
		})
	}
}

func TestBuilderCRCInsideTemplateAllowed(t *testing.T) {
	var b Builder
	b.AddTemplate(80, func(c *Builder) { c.Add(0, "GUID"); c.Add(63, "x") })
	if _, err := b.Payload(); err != nil {
		t.Fatalf("63 inside a template is an ordinary sub-tag: %v", err)
	}
}

func TestBuilderNestedPayloadRefused(t *testing.T) {
	var b Builder
	var inner error
	b.AddTemplate(62, func(c *Builder) {
		c.Add(1, "x")
		_, inner = c.Payload()
	})
	if !errors.Is(inner, ErrNested) {
		t.Fatalf("got %v", inner)
	}
}

func TestBuilderResetAndLong(t *testing.T) {
	b := Builder{AllowLong: true}
	for tag := Tag(26); tag < 32; tag++ {
		b.Add(tag, strings.Repeat("x", 99))
	}
	s, err := b.Payload()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (Parser{AllowLong: true}).Parse(s); err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if !b.AllowLong || b.Err() != nil {
		t.Fatal("Reset must keep options and clear the error")
	}
	b.Add(0, "01")
	s, err = b.Payload()
	if err != nil || s != withCRC("000201") {
		t.Fatalf("after Reset: %q %v", s, err)
	}
	// AppendPayload leaves the builder open for more objects.
	b.Add(1, "11")
	if s, _ = b.Payload(); s != withCRC("000201010211") {
		t.Fatalf("after more: %q", s)
	}
}

// TestBuilderOpenClose: OpenTemplate and CloseTemplate write what
// AddTemplate writes; a CloseTemplate with nothing open and a Payload with
// a template open are ErrNested.
func TestBuilderOpenClose(t *testing.T) {
	var a Builder
	a.Add(0, "01")
	a.AddTemplate(62, func(c *Builder) { c.Add(5, "REF"); c.AddTemplate(99, func(cc *Builder) { cc.Add(0, "X") }) })
	want, err := a.Payload()
	if err != nil {
		t.Fatal(err)
	}
	var mem [64]byte
	b := NewBuilder(mem[:])
	b.Add(0, "01")
	b.OpenTemplate(62)
	b.Add(5, "REF")
	b.OpenTemplate(99)
	b.Add(0, "X")
	b.CloseTemplate()
	b.CloseTemplate()
	if b.Len() != len(want)-8 {
		t.Errorf("Len() = %d, want %d", b.Len(), len(want)-8)
	}
	got, err := b.Payload()
	if err != nil || got != want {
		t.Fatalf("got %q, %v; want %q", got, err, want)
	}
	if string(mem[:len(want)-8]) != want[:len(want)-8] {
		t.Errorf("the builder did not write into the buffer it was given: %q", mem[:len(want)-8])
	}
	var c Builder
	c.CloseTemplate()
	if _, err := c.Payload(); !errors.Is(err, ErrNested) {
		t.Errorf("CloseTemplate with nothing open: %v", err)
	}
	var d Builder
	d.OpenTemplate(62)
	d.Add(1, "x")
	if _, err := d.Payload(); !errors.Is(err, ErrNested) {
		t.Errorf("Payload with 62 open: %v", err)
	}
	// A continuation that closes its parent is refused.
	var e Builder
	e.AddTemplate(62, func(c *Builder) { c.Add(1, "x"); c.CloseTemplate() })
	if _, err := e.Payload(); !errors.Is(err, ErrNested) {
		t.Errorf("a continuation closing its parent: %v", err)
	}
}
