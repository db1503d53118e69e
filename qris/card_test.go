package qris

import (
	"slices"
	"testing"
)

func TestCard(t *testing.T) {
	gateway := "00020101021226640017ID.CO.DANAMON.WWW0118936000110000274394021010319543930303UME51440014ID.CO.QRIS.WWW0215ID10243618787380303UME627601161757471499309912051666e934f6f5d64f1c07091540393439919000200010931546444853033605405194776014BANDAR LAMPUNG520489995907TopUpKu5802ID610535122630436F3"
	tests := []struct {
		name, payload string
		want          Card
	}{
		{"gateway's dynamic QRIS", gateway, Card{
			Title: "TopUpKu", Subtitle: "BANDAR LAMPUNG", Amount: "Rp 19.477",
			Lines: []string{"NMID ID1024361878738", "Terminal 154039343"}, Footer: "CRC 36F3"}},
		{"foreign EMV", "0002010102121313JCB12345678900416MASTER12345678905204531153033925407999.1235802JP5906DONGRI6005TOKYO62240104hoge0504fuga0704piyo6304C343", Card{
			Title: "DONGRI", Subtitle: "TOKYO", Amount: "999.123 (currency 392)",
			Lines: []string{"Terminal piyo"}, Footer: "CRC C343"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Decode(tt.payload)
			if err != nil {
				t.Fatal(err)
			}
			got := p.Card()
			if got.Title != tt.want.Title || got.Subtitle != tt.want.Subtitle || got.Amount != tt.want.Amount ||
				got.Footer != tt.want.Footer || !slices.Equal(got.Lines, tt.want.Lines) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
	// A static code has no amount; a Payment not decoded has no CRC.
	if c := (&Payment{MerchantName: "X", CountryCode: "ID", National: NationalAccount{NMID: "ID1"}}).Card(); c.Amount != "" || c.Footer != "" || !slices.Equal(c.Lines, []string{"NMID ID1"}) {
		t.Errorf("%+v", c)
	}
}

func TestRupiah(t *testing.T) {
	for in, want := range map[string]string{
		"1": "1", "999": "999", "1000": "1.000", "150000": "150.000", "1234567.50": "1.234.567,50",
		"10.": "10", "0.5": "0,5", "": "", ".5": ".5", "12a": "12a", "1.2.3": "1.2.3",
	} {
		if got := rupiah(in); got != want {
			t.Errorf("rupiah(%q) = %q, want %q", in, got, want)
		}
	}
}
