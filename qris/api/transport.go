package api

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"syscall"
)

// sendFailed describes err, returned by http.Client.Do for a request to
// host: the connection could not be made, or no answer came on it.
func sendFailed(host string, err error) error {
	var op *net.OpError
	var cert *tls.CertificateVerificationError
	switch {
	case errors.As(err, &cert):
		return &transportError{"could not reach " + host + " securely: " + reason(err), err}
	case errors.As(err, &op) && op.Op == "dial":
		return &transportError{"could not reach " + host + ": " + reason(err), err}
	}
	return &transportError{"no answer from " + host + ": " + reason(err), err}
}

// readFailed describes err, met reading the body of host's answer.
func readFailed(host string, err error) error {
	return &transportError{host + "'s answer broke off: " + reason(err), err}
}

// reason says in a few words why a connection failed.
func reason(err error) string {
	var dns *net.DNSError
	var cert *tls.CertificateVerificationError
	var ne net.Error
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.As(err, &dns) && dns.IsNotFound:
		return "no such host"
	case errors.As(err, &dns) && dns.IsTimeout:
		return "looking its name up timed out"
	case errors.As(err, &dns):
		return "cannot look its name up"
	case errors.Is(err, syscall.ENETUNREACH):
		return "network unreachable"
	case errors.Is(err, syscall.EHOSTUNREACH):
		return "no route to host"
	case errors.Is(err, syscall.ECONNRESET):
		return "the connection was reset"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the connection closed"
	case errors.As(err, &cert):
		return "its certificate cannot be verified (" + strings.TrimPrefix(cert.Err.Error(), "x509: ") + ")"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timed out"
	case errors.Is(err, context.Canceled):
		return "canceled"
	}
	return innermost(err).Error()
}

// innermost peels off the wrappers whose text is Go's ("Post \"URL\": ",
// "dial tcp ADDR: ", "connect: ").
func innermost(err error) error {
	for {
		var next error
		switch e := err.(type) {
		case *url.Error:
			next = e.Err
		case *net.OpError:
			next = e.Err
		case *os.SyscallError:
			next = e.Err
		}
		if next == nil {
			return err
		}
		err = next
	}
}

// hostOf is base's host[:port], or base itself when it does not parse.
func hostOf(base string) string {
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		return u.Host
	}
	return base
}
