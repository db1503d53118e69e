package api

// ReencodePHP returns what PHP's json_encode(json_decode($body)) writes
// for a JSON body (default flags; see reencodePHP for the exact rules):
// the other reading of the signature scheme, under which the gateway may
// sign json_encode of the body it decoded rather than the bytes it
// received. The sandbox checks requests' signatures under both readings
// with it, as [CallbackHandler] checks callbacks'. Invalid UTF-8 or JSON
// is an error wrapping [ErrMalformed].
func ReencodePHP(body []byte) ([]byte, error) { return reencodePHP(body) }
