package cli

import (
	"errors"
	"strconv"

	"github.com/qriskit/qriskit/emv"
)

// ReadParser is how the commands that show or draw a payload read it: as
// leniently as wallets do (a lowercase CRC, more than 512 characters),
// since the point is to see what is there. validate says what is wrong
// with it.
func ReadParser() emv.Parser { return emv.Parser{AllowLowercaseCRC: true, AllowLong: true} }

// EMVMessage is an emv error without its package prefix and position, for
// places that show the position separately.
func EMVMessage(err error) string {
	var ee *emv.Error
	if !errors.As(err, &ee) {
		return err.Error()
	}
	msg := ee.Err.Error()
	if ee.Detail != "" {
		msg += ": " + ee.Detail
	}
	return msg
}

// Where formats an emv error's position as "tag 54 at offset 100", and is
// empty for any other error.
func Where(err error) string {
	var ee *emv.Error
	if !errors.As(err, &ee) {
		return ""
	}
	if ee.Tag == "" {
		return "at offset " + strconv.Itoa(ee.Offset)
	}
	return "tag " + ee.Tag + " at offset " + strconv.Itoa(ee.Offset)
}

// Describe formats an error for a person: an emv error as "tag 54 at
// offset 100: what", anything else as it is.
func Describe(err error) string {
	if w := Where(err); w != "" {
		return w + ": " + EMVMessage(err)
	}
	return err.Error()
}
