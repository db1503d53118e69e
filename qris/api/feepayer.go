package api

// FeePayer says who pays the gateway's fee (responseData.feePayer). When the
// customer pays, the payer is charged totalAmount; when the merchant pays,
// the payer is charged amount and the fee comes out of the settlement. Its
// zero value is not valid.
type FeePayer string

// The fee payers the contract defines.
const (
	FeePayerCustomer FeePayer = "customer"
	FeePayerMerchant FeePayer = "merchant"
)

// feePayers lists the fee payers in the order messages name them.
var feePayers = enum[FeePayer]{
	values:   []FeePayer{FeePayerCustomer, FeePayerMerchant},
	sentinel: ErrUnknownFeePayer,
}

// ParseFeePayer returns the FeePayer named s (case-sensitive); anything else
// is an error wrapping [ErrUnknownFeePayer].
func ParseFeePayer(s string) (FeePayer, error) { return feePayers.parse(s) }

// Valid reports whether p is customer or merchant.
func (p FeePayer) Valid() bool { return feePayers.valid(p) }

// String returns the fee payer as the contract writes it.
func (p FeePayer) String() string { return string(p) }

// Payable is what the payer is charged, and so what a dynamic QRIS for the
// transaction must carry in tag 54: totalAmount when the customer pays the
// fee, amount when the merchant does. It returns 0 for an invalid payer.
func (p FeePayer) Payable(amount, fee int64) int64 {
	switch p {
	case FeePayerCustomer:
		return amount + fee
	case FeePayerMerchant:
		return amount
	}
	return 0
}

// payableField names the response field that holds [FeePayer.Payable].
func (p FeePayer) payableField() string {
	if p == FeePayerCustomer {
		return "totalAmount"
	}
	return "amount"
}

// MarshalJSON refuses to write a fee payer the contract does not define.
func (p FeePayer) MarshalJSON() ([]byte, error) { return feePayers.marshal(p) }

// UnmarshalJSON accepts only a JSON string naming customer or merchant.
func (p *FeePayer) UnmarshalJSON(b []byte) error { return feePayers.unmarshal(b, p) }
