package api

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// TestTolerantGolden holds the tolerant read of each body in
// testdata/tolerant/bodies.jsonl, as the client reads it (inside an
// answer's responseData) and as the callback handler reads it, to
// testdata/tolerant/read.golden.
func TestTolerantGolden(t *testing.T) {
	in, err := os.ReadFile("testdata/tolerant/bodies.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(in))
	for sc.Scan() {
		body := sc.Bytes()
		fmt.Fprintf(&out, "body: %s\n", body)
		fmt.Fprintf(&out, "client: %s\n", describeRead(clientRead(body)))
		fmt.Fprintf(&out, "callback: %s\n\n", describeRead(callbackRead(body)))
	}
	const golden = "testdata/tolerant/read.golden"
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("tolerant reads differ from %s (go test -run TolerantGolden -update to rewrite):\n%s", golden, out.Bytes())
	}
}

// clientRead reads body as CreateQRIS reads responseData.
func clientRead(body []byte) (Transaction, error) {
	env, err := readEnvelope(answer{status: 200, body: []byte(`{"responseCode":200,"responseMessage":"success","responseData":` + string(body) + `}`)})
	if err != nil {
		return Transaction{}, err
	}
	return responseTransaction(env.data)
}

// callbackRead reads body as the callback handler does.
func callbackRead(body []byte) (Transaction, error) {
	return readCallback(body)
}

func describeRead(t Transaction, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	x := t.Extra
	t.Extra = nil
	s := fmt.Sprintf("%+v", t)
	if x != nil {
		for _, k := range slices.Sorted(maps.Keys(x.Unknown)) {
			s += fmt.Sprintf("\n  unknown %s = %s", k, x.Unknown[k])
		}
		w := slices.Clone(x.Warnings)
		slices.Sort(w)
		if len(w) > 0 {
			s += "\n  warning: " + strings.Join(w, "\n  warning: ")
		}
	}
	return s
}
