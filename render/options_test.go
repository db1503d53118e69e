package render

import (
	"encoding/json"
	"image/color"
	"testing"
)

func TestParseLevel(t *testing.T) {
	tests := []struct {
		in   string
		want Level
	}{
		{"L", Low}, {"l", Low}, {"low", Low},
		{"M", Medium}, {"m", Medium}, {"Medium", Medium},
		{"Q", Quartile}, {"q", Quartile}, {"QUARTILE", Quartile},
		{"H", High}, {"h", High}, {"high", High},
	}
	for _, tt := range tests {
		got, err := ParseLevel(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseLevel(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "X", "LM", " M", "highest", "7", "ℍ"} {
		_, err := ParseLevel(bad)
		wantErr(t, err, "ParseLevel", ErrOptions)
	}
}

func TestLevelText(t *testing.T) {
	for _, l := range []Level{Low, Medium, Quartile, High} {
		b, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != `"`+l.String()+`"` {
			t.Errorf("json of %v = %s", l, b)
		}
		var back Level
		if err := json.Unmarshal(b, &back); err != nil || back != l {
			t.Errorf("round trip of %v gave %v, %v", l, back, err)
		}
	}
	if (Level(0)).String() != "M" {
		t.Errorf("zero Level is %v, want M", Level(0))
	}
	if s := Level(9).String(); s != "Level(9)" {
		t.Errorf("Level(9).String() = %q", s)
	}
	_, err := Level(9).MarshalText()
	wantErr(t, err, "MarshalText", ErrOptions)
	var l Level = High
	wantErr(t, l.UnmarshalText([]byte("Z")), "ParseLevel", ErrOptions)
	if l != High {
		t.Errorf("failed UnmarshalText changed the level to %v", l)
	}
}

// Bad options must be refused the same way by every producer.
func TestBadOptions(t *testing.T) {
	bad := map[string]Options{
		"unknown level":        {Level: 4},
		"negative level":       {Level: -1},
		"negative size":        {Size: -1},
		"size over max":        {Size: MaxSize + 1},
		"negative scale":       {Scale: -2},
		"scale over max":       {Scale: MaxSize + 1},
		"size and scale":       {Size: 300, Scale: 4},
		"negative min version": {MinVersion: -1},
		"min version over 40":  {MinVersion: 41},
		"quiet zone -2":        {QuietZone: -2},
		"quiet zone over max":  {QuietZone: MaxQuietZone + 1},
		"same colours":         {Foreground: color.White, Background: color.Gray{Y: 0xff}},
		"black on black":       {Foreground: color.RGBA{A: 0xff}, Background: color.Black},
	}
	for name, o := range bad {
		for _, p := range producers {
			t.Run(name+"/"+p.op, func(t *testing.T) {
				wantErr(t, p.run("00020101021153033605802ID6304ABCD", o), p.op, ErrOptions)
			})
		}
	}
}

func TestGoodEdgeOptions(t *testing.T) {
	good := map[string]Options{
		"no quiet zone":       {QuietZone: NoQuietZone},
		"max quiet zone":      {QuietZone: MaxQuietZone},
		"max size":            {Size: MaxSize},
		"transparent light":   {Background: color.Transparent},
		"light on dark":       {Foreground: color.White, Background: color.Black},
		"only foreground set": {Foreground: color.RGBA{R: 0x20, G: 0x40, B: 0x80, A: 0xff}},
		"invert":              {Invert: true},
		"min version 1":       {MinVersion: 1},
		"min version 40":      {MinVersion: 40},
	}
	for name, o := range good {
		for _, p := range producers {
			t.Run(name+"/"+p.op, func(t *testing.T) {
				if err := p.run("hello", o); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

// producers runs each exported producer, discarding what it makes.
var producers = []struct {
	op  string
	run func(content string, o Options) error
}{
	{"PNG", func(c string, o Options) error { return PNG(discard{}, c, o) }},
	{"Base64", func(c string, o Options) error { _, err := Base64(c, o); return err }},
	{"DataURI", func(c string, o Options) error { _, err := DataURI(c, o); return err }},
	{"SVG", func(c string, o Options) error { return SVG(discard{}, c, o) }},
	{"Terminal", func(c string, o Options) error { return Terminal(discard{}, c, o) }},
	{"Matrix", func(c string, o Options) error { _, err := Matrix(c, o); return err }},
	{"Encode", func(c string, o Options) error { _, err := Encode(c, o); return err }},
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
