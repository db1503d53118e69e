package qrcheck_test

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/qriskit/qriskit/internal/qrcheck"
	"github.com/qriskit/qriskit/render"
)

// recorder is a testing.TB that notes a failure instead of failing.
type recorder struct {
	testing.TB
	msg string
}

func (r *recorder) Helper() {}

func (r *recorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// check runs Matrix on m in a goroutine of its own, since a failure ends
// it, and returns what it reported.
func check(t *testing.T, m [][]bool, q int) string {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		qrcheck.Matrix(r, m, q)
	}()
	<-done
	return r.msg
}

// TestMatrix: a real code passes, and each kind of damage is caught.
func TestMatrix(t *testing.T) {
	fresh := func() [][]bool {
		m, err := render.Matrix("00020101021126640017ID.CO.DANAMON.WWW", render.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	q := render.DefaultQuietZone
	if msg := check(t, fresh(), q); msg != "" {
		t.Fatalf("a real code fails: %s", msg)
	}
	for _, tc := range []struct {
		name   string
		damage func([][]bool) [][]bool
		q      int
	}{
		{"wrong quiet zone", func(m [][]bool) [][]bool { return m }, q + 1},
		{"short row", func(m [][]bool) [][]bool { m[5] = m[5][1:]; return m }, q},
		{"dark quiet zone", func(m [][]bool) [][]bool { m[0][0] = true; return m }, q},
		{"finder", func(m [][]bool) [][]bool { m[q+1][q+1] = true; return m }, q},
		{"timing", func(m [][]bool) [][]bool { m[q+6][q+9] = true; return m }, q},
	} {
		if msg := check(t, tc.damage(fresh()), tc.q); msg == "" {
			t.Errorf("%s: not caught", tc.name)
		} else {
			t.Logf("%s: %s", tc.name, msg)
		}
	}
}
