package api

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/url"
	"os"
	"syscall"
	"testing"
)

// TestSendFailed: each way a connection fails, as the http.Client
// reports it, is said in words, with no Go text ("Post", "dial tcp").
func TestSendFailed(t *testing.T) {
	dial := func(err error) error {
		return &url.Error{Op: "Post", URL: "https://api.sengo.id/api/qris",
			Err: &net.OpError{Op: "dial", Net: "tcp", Err: err}}
	}
	read := func(err error) error {
		return &url.Error{Op: "Post", URL: "https://api.sengo.id/api/qris",
			Err: &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", err)}}
	}
	cert := &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}
	for _, c := range []struct {
		err  error
		want string
	}{
		{dial(os.NewSyscallError("connect", syscall.ECONNREFUSED)), "could not reach api.sengo.id: connection refused"},
		{dial(&net.DNSError{Err: "no such host", Name: "api.sengo.id", IsNotFound: true}), "could not reach api.sengo.id: no such host"},
		{dial(&net.DNSError{Err: "i/o timeout", Name: "api.sengo.id", IsTimeout: true}), "could not reach api.sengo.id: looking its name up timed out"},
		{dial(&net.DNSError{Err: "server misbehaving", Name: "api.sengo.id"}), "could not reach api.sengo.id: cannot look its name up"},
		{dial(os.NewSyscallError("connect", syscall.ENETUNREACH)), "could not reach api.sengo.id: network unreachable"},
		{dial(os.NewSyscallError("connect", syscall.EHOSTUNREACH)), "could not reach api.sengo.id: no route to host"},
		{dial(errors.New("something new")), "could not reach api.sengo.id: something new"},
		{read(syscall.ECONNRESET), "no answer from api.sengo.id: the connection was reset"},
		{&url.Error{Op: "Post", URL: "https://api.sengo.id/api/qris", Err: cert},
			"could not reach api.sengo.id securely: its certificate cannot be verified (certificate signed by unknown authority)"},
	} {
		err := sendFailed("api.sengo.id", c.err)
		if err.Error() != c.want {
			t.Errorf("%v\n  said %q\n  want %q", c.err, err, c.want)
		}
		if !errors.Is(err, c.err) {
			t.Errorf("%q does not wrap %v", err, c.err)
		}
	}
}
