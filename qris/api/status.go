package api

// Status is the life-cycle state of a transaction (responseData.status).
// Its zero value is not a valid status; JSON decoding refuses anything but
// the four values the contract lists, and encoding refuses to emit one.
type Status string

// The statuses the contract defines.
const (
	StatusPending Status = "pending" // created, waiting for the payer
	StatusSuccess Status = "success" // paid
	StatusFailed  Status = "failed"  // the payment was attempted and refused
	StatusExpired Status = "expired" // expiredDate passed while pending
)

// statuses lists the statuses in the order messages name them.
var statuses = enum[Status]{
	values:   []Status{StatusSuccess, StatusPending, StatusExpired, StatusFailed},
	sentinel: ErrUnknownStatus,
}

// ParseStatus returns the Status named s. Names are case-sensitive, as in
// the contract; anything else is an error wrapping [ErrUnknownStatus].
func ParseStatus(s string) (Status, error) { return statuses.parse(s) }

// Valid reports whether s is one of the four statuses.
func (s Status) Valid() bool { return statuses.valid(s) }

// Final reports whether s can no longer change: every status but pending.
func (s Status) Final() bool { return s.Valid() && s != StatusPending }

// String returns the status as the contract writes it.
func (s Status) String() string { return string(s) }

// MarshalJSON refuses to write a status the contract does not define, so a
// response built with a zero Status fails loudly instead of sending "".
func (s Status) MarshalJSON() ([]byte, error) { return statuses.marshal(s) }

// UnmarshalJSON accepts only a JSON string naming one of the four statuses.
func (s *Status) UnmarshalJSON(b []byte) error { return statuses.unmarshal(b, s) }
