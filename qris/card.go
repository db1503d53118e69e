package qris

import "strings"

// Card is what a printed sticker says about a payload, as text: who is paid
// and where, the amount a dynamic code asks for, the identifiers the staff
// read, and the payload's CRC, so that a print can be matched to its data.
// render.Sticker draws it ('qris render --format sticker' joins the two);
// qris itself knows nothing of images. Empty fields are left off the card.
type Card struct {
	Title    string   // the merchant name (59)
	Subtitle string   // the merchant city (60)
	Amount   string   // the amount (54) with its currency, when the payload has one
	Lines    []string // the NMID (51.02) and the terminal label (62.07)
	Footer   string   // "CRC " and the payload's checksum as written (63)
}

// Card returns the text of a sticker for the decoded payload. A QRIS
// payload (Indonesia, or a template 51 with ID.CO.QRIS.WWW) gets its NMID and
// an amount in rupiah, written as Indonesians write it ("Rp 150.000,50");
// any other EMV payload gets a generic card: name, city, the amount with the
// ISO 4217 code of its currency, the terminal label and the CRC.
func (p *Payment) Card() Card {
	c := Card{Title: p.MerchantName, Subtitle: p.MerchantCity}
	qris := p.CountryCode == "ID" || p.National.GUID == "ID.CO.QRIS.WWW"
	if a := string(p.Amount); a != "" {
		if qris && p.Currency == "360" {
			c.Amount = "Rp " + rupiah(a)
		} else {
			c.Amount = a
			if p.Currency != "" {
				c.Amount += " (currency " + p.Currency + ")"
			}
		}
	}
	if qris && p.National.NMID != "" {
		c.Lines = append(c.Lines, "NMID "+p.National.NMID)
	}
	if t := p.AdditionalData.TerminalLabel; t != "" {
		c.Lines = append(c.Lines, "Terminal "+t)
	}
	if n := len(p.raw); n >= 8 && p.raw[n-8:n-4] == "6304" {
		c.Footer = "CRC " + p.raw[n-4:]
	}
	return c
}

// rupiah writes an amount with '.' between thousands and ',' before the
// decimals: "150000.5" is "150.000,5". Text that is not digits with one
// '.' is returned as it is.
func rupiah(a string) string {
	whole, frac, dot := strings.Cut(a, ".")
	if whole == "" || strings.Trim(whole+frac, "0123456789") != "" {
		return a
	}
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if dot && frac != "" {
		b.WriteString("," + frac)
	}
	return b.String()
}
