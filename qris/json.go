package qris

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/qriskit/qriskit/emv"
)

// The JSON form of a Payment (see also JSON.md beside this file).
//
// Keys are the English lowerCamelCase keys of the [Objects] table, written
// in tag order; absent objects are left out.
//
//   - A primitive with a field of its own is a string under its key:
//     "merchantName": "TOKO CONTOH", "amount": "15000". Amounts stay text,
//     exactly as written.
//   - A template is an object carrying its "tag" and its sub-objects under
//     the keys of its sub-table: "nationalAccount": {"tag": "51", "guid":
//     "ID.CO.QRIS.WWW", "nmid": "ID1020000000001", "criteria": "UMI"}.
//   - Templates that can repeat are arrays of such objects: "merchantAccount"
//     (26..50) and "unreserved" (80..99).
//   - Objects without a field of their own are arrays of {"tag", "value"}
//     under the key their tag has in the table: "schemeAccount" (02..25),
//     "rfu" (65..79, or RFU sub-tags of 62 and 64), "other" (26..51 subs
//     04..99), "paymentSystemSpecific" and "proprietary" (62.50..98, 62.99,
//     content kept unparsed), "data" (80..99 subs 01..99).
//   - "crc" is the checksum of the payload the value encodes to. It is
//     ignored when reading: encoding computes it.
//   - A merchant account whose tag and GUID a profile defines takes that
//     scheme's keys (PromptPay's "mobileNumber", VietQR's
//     "beneficiaryOrganization": {"acquirerId", "merchantId"}), and a
//     scheme's plain value in 80..99 its own root key ("personalMessage").
//
// Reading is strict: an unknown key, a tag outside its key's range or a
// value of the wrong JSON type is an error. Tags are two-digit strings.

// jsonMember is one key of an object being written, in order.
type jsonMember struct {
	key   string
	value any
}

// jsonObject is an object whose keys keep the order they were added in.
type jsonObject []jsonMember

// MarshalJSON writes the members in order.
func (o jsonObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(m.key)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(m.value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// MarshalJSON writes {"tag": "04", "value": "..."}.
func (o TagValue) MarshalJSON() ([]byte, error) {
	return json.Marshal(jsonObject{{"tag", o.Tag.String()}, {"value", o.Value}})
}

// UnmarshalJSON reads {"tag": "04", "value": "..."}.
func (o *TagValue) UnmarshalJSON(b []byte) error {
	var v struct {
		Tag   *string `json:"tag"`
		Value *string `json:"value"`
	}
	if err := strictJSON(b, &v); err != nil {
		return err
	}
	if v.Tag == nil || v.Value == nil {
		return jsonError("a tag-value object needs both \"tag\" and \"value\"")
	}
	t, ok := emv.ParseTag(*v.Tag)
	if !ok {
		return jsonError("tag " + strconv.Quote(*v.Tag) + " is not two digits")
	}
	*o = TagValue{Tag: t, Value: *v.Value}
	return nil
}

// MarshalJSON writes the Payment in the form described above, or fails
// with Encode's error for a Payment that does not encode.
func (p *Payment) MarshalJSON() ([]byte, error) {
	// What does not encode is not a payment: its JSON would lose what
	// Encode refuses (and the checksum).
	payload, err := p.Encode()
	if err != nil {
		return nil, err
	}
	var o jsonObject
	pf := p.fields()
	var done [kinds]bool // a kind of several rows (26..45, 46..50) is written once
	for i := range objects {
		e := &objects[i]
		if v := fieldIn(&pf, e); v != nil {
			if s := *v; s != "" {
				o = append(o, jsonMember{e.Key, s})
			}
			continue
		}
		if done[e.kind] {
			continue
		}
		done[e.kind] = true
		switch e.kind {
		case kindSchemeAccount, kindRFU:
			if l := *p.rootList(e.kind); len(l) > 0 {
				o = append(o, jsonMember{e.Key, l})
			}
		case kindMerchantAccount:
			if len(p.MerchantAccounts) > 0 {
				list := make([]jsonObject, len(p.MerchantAccounts))
				for i := range p.MerchantAccounts {
					list[i] = templateJSON(p.MerchantAccounts[i].Tag, p.MerchantAccounts[i].tmpl())
				}
				o = append(o, jsonMember{e.Key, list})
			}
		case kindNational, kindAdditional, kindLanguage:
			if tpl, _ := p.rootTemplate(e.kind); !tpl.isZero() {
				o = append(o, jsonMember{e.Key, templateJSON(e.From, tpl)})
			}
		case kindCRC:
			o = append(o, jsonMember{e.Key, payload[len(payload)-4:]})
		case kindUnreserved:
			// A scheme's plain values (PromptPay's 81) under their own keys.
			// Encode took each of them, so a scheme defines it.
			for _, x := range p.UnreservedValues {
				o = append(o, jsonMember{schemeValue(x.Tag).Key, x.Value})
			}
			if len(p.Unreserved) > 0 {
				list := make([]jsonObject, len(p.Unreserved))
				for i := range p.Unreserved {
					list[i] = templateJSON(p.Unreserved[i].Tag, p.Unreserved[i].tmpl())
				}
				o = append(o, jsonMember{e.Key, list})
			}
		}
	}
	return json.Marshal(o)
}

// templateJSON lays out tpl, the template tag root: its tag, its named
// fields in tag order, then its list grouped by the table's keys, each group
// where its first tag falls.
func templateJSON(root emv.Tag, tpl tmpl) jsonObject {
	o := jsonObject{{"tag", root.String()}}
	if a := tpl.scheme(root); a != nil {
		return keyedJSON(o, a.objects, tpl.subs(root))
	}
	other := *tpl.other
	var listed tagBits // first tags of the groups already written
	for t := emv.Tag(0); t <= 99; t++ {
		e, ok := lookup(root, t)
		if v := fieldIn(&tpl.fields, e); v != nil {
			if s := *v; s != "" {
				o = append(o, jsonMember{e.Key, s})
			}
			continue
		}
		if !ok || listed.has(e.From) {
			continue
		}
		var group []TagValue
		for _, x := range other {
			if f, ok := lookup(root, x.Tag); ok && f.Key == e.Key {
				group = append(group, x)
			}
		}
		if len(group) > 0 {
			// Entries sharing a key across ranges (62's "rfu") form one group.
			for i := range group {
				if f, ok := lookup(root, group[i].Tag); ok {
					listed.add(f.From)
				}
			}
			o = append(o, jsonMember{e.Key, group})
		}
		listed.add(e.From)
	}
	return o
}

// scheme returns the account a profile defines for tpl, root template
// root, by its tag and GUID; nil for QRIS's own view and for templates
// that are not merchant accounts.
func (tpl *tmpl) scheme(root emv.Tag) *account {
	if !isAccount(root) {
		return nil
	}
	g := fieldIn(&tpl.fields, describe(root, 0))
	if g == nil {
		return nil
	}
	return schemeAccount(root, *g)
}

// subs returns tpl's objects, root template root's, in ascending tag
// order: its named fields, by the table's rows, and its list.
func (tpl *tmpl) subs(root emv.Tag) []TagValue {
	e := describe(root)
	var out []TagValue
	for i := range e.Sub {
		if v := fieldIn(&tpl.fields, &e.Sub[i]); v != nil && *v != "" {
			out = append(out, TagValue{Tag: e.Sub[i].From, Value: *v})
		}
	}
	out = append(out, *tpl.other...)
	slices.SortStableFunc(out, byTag)
	return out
}

// keyedJSON appends to o the objects subs (in ascending tag order) under
// the keys of the scheme's table objs: a value as a string, a template
// (VietQR's 38.01) as an object of the same form, and the objects the
// table does not name as one list under "other", where its first tag
// falls.
func keyedJSON(o jsonObject, objs []Object, subs []TagValue) jsonObject {
	var other []TagValue
	at := -1
	for _, x := range subs {
		e := object(objs, x.Tag)
		switch {
		case e == nil:
			if at < 0 {
				at = len(o)
				o = append(o, jsonMember{"other", nil})
			}
			other = append(other, x)
		case e.Template:
			o = append(o, jsonMember{e.Key, nestedJSON(e.Sub, x.Value)})
		default:
			o = append(o, jsonMember{e.Key, x.Value})
		}
	}
	if at >= 0 {
		o[at].value = other
	}
	return o
}

// nestedJSON is the JSON value of a scheme's template inside a merchant
// account, whose objects objs describes: an object of its objects when
// its content reads back to itself (TLV, tags ascending, no value empty),
// its content as a string otherwise, so that the JSON form always reads
// back to the same payload.
func nestedJSON(objs []Object, v string) any {
	fs, err := emv.Field{Value: v}.Template()
	if err != nil {
		return v
	}
	subs := make([]TagValue, len(fs))
	for i := range fs {
		if fs[i].Value == "" || i > 0 && fs[i].Tag <= fs[i-1].Tag {
			return v
		}
		subs[i] = TagValue{Tag: fs[i].Tag, Value: fs[i].Value}
	}
	return keyedJSON(nil, objs, subs)
}

// readKeyedJSON reads the members m of a scheme's template, described by
// objs, as keyedJSON writes them, and calls put for each object, in no
// particular order. path names the template for messages ("38", "38.01").
func readKeyedJSON(m map[string]json.RawMessage, objs []Object, path string, put func(emv.Tag, string) error) error {
	for _, k := range sortedKeys(m) {
		raw := m[k]
		if k == "other" {
			var list []TagValue
			if err := strictJSON(raw, &list); err != nil {
				return err
			}
			for _, x := range list {
				if x.Tag > 99 || object(objs, x.Tag) != nil {
					return jsonError("tag " + path + "." + x.Tag.String() + " does not belong under \"other\"")
				}
				if err := put(x.Tag, x.Value); err != nil {
					return err
				}
			}
			continue
		}
		var e *Object
		for i := range objs {
			if objs[i].Key == k {
				e = &objs[i]
			}
		}
		if e == nil {
			return jsonError("template " + path + " has no key " + strconv.Quote(k))
		}
		var v string
		if e.Template && bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) {
			var err error
			if v, err = readNestedJSON(raw, e.Sub, path+"."+e.From.String()); err != nil {
				return err
			}
		} else if err := strictJSON(raw, &v); err != nil {
			return err
		}
		if v == "" {
			continue
		}
		if err := put(e.From, v); err != nil {
			return err
		}
	}
	return nil
}

// readNestedJSON reads a scheme's template inside a merchant account, in
// the form nestedJSON writes, back to its content: its objects in
// ascending tag order.
func readNestedJSON(raw json.RawMessage, objs []Object, path string) (string, error) {
	var m map[string]json.RawMessage
	if err := strictJSON(raw, &m); err != nil {
		return "", err
	}
	var subs []TagValue
	err := readKeyedJSON(m, objs, path, func(t emv.Tag, v string) error {
		for _, x := range subs {
			if x.Tag == t {
				return jsonError("tag " + path + "." + t.String() + " is given twice")
			}
		}
		subs = append(subs, TagValue{Tag: t, Value: v})
		return nil
	})
	if err != nil {
		return "", err
	}
	slices.SortFunc(subs, byTag)
	var b strings.Builder
	for _, x := range subs {
		n := utf8.RuneCountInString(x.Value)
		if n > 99 {
			return "", jsonError(path + "." + x.Tag.String() + " is " + strconv.Itoa(n) + " characters: at most 99")
		}
		b.WriteString(x.Tag.String())
		b.WriteByte(byte('0' + n/10))
		b.WriteByte(byte('0' + n%10))
		b.WriteString(x.Value)
	}
	return b.String(), nil
}

// readSchemeJSON reads the members m of root template root, the account a
// of a scheme, into tpl: each object into the field the object table
// gives its tag, or else into tpl's list.
func readSchemeJSON(m map[string]json.RawMessage, root emv.Tag, a *account, tpl tmpl) error {
	ix := objectIndexes().sub[root]
	return readKeyedJSON(m, a.objects, root.String(), func(t emv.Tag, v string) error {
		if f := fieldIn(&tpl.fields, ix.object(t)); f != nil {
			*f = v
			return nil
		}
		*tpl.other = append(*tpl.other, TagValue{Tag: t, Value: v})
		return nil
	})
}

// MarshalJSON writes the template; see [Payment.MarshalJSON].
func (a MerchantAccount) MarshalJSON() ([]byte, error) {
	return json.Marshal(templateJSON(a.Tag, a.tmpl()))
}

// MarshalJSON writes the template; see [Payment.MarshalJSON].
func (a NationalAccount) MarshalJSON() ([]byte, error) {
	return json.Marshal(templateJSON(51, a.tmpl()))
}

// MarshalJSON writes the template; see [Payment.MarshalJSON].
func (d AdditionalData) MarshalJSON() ([]byte, error) {
	return json.Marshal(templateJSON(62, d.tmpl()))
}

// MarshalJSON writes the template; see [Payment.MarshalJSON].
func (l LanguageTemplate) MarshalJSON() ([]byte, error) {
	return json.Marshal(templateJSON(64, l.tmpl()))
}

// MarshalJSON writes the template; see [Payment.MarshalJSON].
func (u UnreservedTemplate) MarshalJSON() ([]byte, error) {
	return json.Marshal(templateJSON(u.Tag, u.tmpl()))
}

// UnmarshalJSON reads the template; its "tag" must be 26..50.
func (a *MerchantAccount) UnmarshalJSON(b []byte) error {
	var v MerchantAccount
	lo, hi := kindTags(kindMerchantAccount)
	t, err := readTemplateJSON(b, lo, hi, v.tmpl())
	if err != nil {
		return err
	}
	v.Tag = t
	*a = v
	return nil
}

// UnmarshalJSON reads the template; its "tag", if given, must be 51.
func (a *NationalAccount) UnmarshalJSON(b []byte) error {
	var v NationalAccount
	if _, err := readTemplateJSON(b, 51, 51, v.tmpl()); err != nil {
		return err
	}
	*a = v
	return nil
}

// UnmarshalJSON reads the template; its "tag", if given, must be 62.
func (d *AdditionalData) UnmarshalJSON(b []byte) error {
	var v AdditionalData
	if _, err := readTemplateJSON(b, 62, 62, v.tmpl()); err != nil {
		return err
	}
	*d = v
	return nil
}

// UnmarshalJSON reads the template; its "tag", if given, must be 64.
func (l *LanguageTemplate) UnmarshalJSON(b []byte) error {
	var v LanguageTemplate
	if _, err := readTemplateJSON(b, 64, 64, v.tmpl()); err != nil {
		return err
	}
	*l = v
	return nil
}

// UnmarshalJSON reads the template; its "tag" must be 80..99.
func (u *UnreservedTemplate) UnmarshalJSON(b []byte) error {
	var v UnreservedTemplate
	lo, hi := kindTags(kindUnreserved)
	t, err := readTemplateJSON(b, lo, hi, v.tmpl())
	if err != nil {
		return err
	}
	v.Tag = t
	*u = v
	return nil
}

// readTemplateJSON reads a template object whose tag lies in lo..hi into
// tpl. The tag may be left out when lo == hi.
func readTemplateJSON(b []byte, lo, hi emv.Tag, tpl tmpl) (emv.Tag, error) {
	var m map[string]json.RawMessage
	if err := strictJSON(b, &m); err != nil {
		return 0, err
	}
	if m == nil {
		return 0, jsonError("template " + lo.String() + " is null")
	}
	root := lo
	if raw, ok := m["tag"]; ok {
		var s string
		if err := strictJSON(raw, &s); err != nil {
			return 0, err
		}
		t, ok := emv.ParseTag(s)
		if !ok || t < lo || t > hi {
			return 0, jsonError("template tag " + strconv.Quote(s) + " is outside " + lo.String() + ".." + hi.String())
		}
		root = t
		delete(m, "tag")
	} else if lo != hi {
		return 0, jsonError("template without its \"tag\" (" + lo.String() + ".." + hi.String() + ")")
	}
	if raw, ok := m["guid"]; ok && isAccount(root) {
		var g string
		if err := strictJSON(raw, &g); err != nil {
			return 0, err
		}
		if a := schemeAccount(root, g); a != nil {
			if err := readSchemeJSON(m, root, a, tpl); err != nil {
				return 0, err
			}
			slices.SortStableFunc(*tpl.other, byTag)
			return root, nil
		}
	}
	for _, k := range sortedKeys(m) {
		raw := m[k]
		e := subEntryByKey(root, k)
		if e == nil {
			return 0, jsonError("template " + root.String() + " has no key " + strconv.Quote(k))
		}
		if v := fieldIn(&tpl.fields, e); v != nil {
			if err := strictJSON(raw, v); err != nil {
				return 0, err
			}
			continue
		}
		var list []TagValue
		if err := strictJSON(raw, &list); err != nil {
			return 0, err
		}
		for _, x := range list {
			f, ok := lookup(root, x.Tag)
			if !ok || f.Key != k || f.field != 0 {
				return 0, jsonError("tag " + root.String() + "." + x.Tag.String() + " does not belong under " + strconv.Quote(k))
			}
		}
		*tpl.other = append(*tpl.other, list...)
	}
	slices.SortStableFunc(*tpl.other, byTag)
	return root, nil
}

// byTag orders a list read from JSON, whose groups came by key.
func byTag(a, b TagValue) int { return int(a.Tag) - int(b.Tag) }

// UnmarshalJSON reads the form MarshalJSON writes into a Payment that
// encodes in ascending tag order ("crc" is ignored). The result is Equal to
// the Payment that was written. A scheme's plain value (personalMessage) is
// read only into a Payment that encodes with it, as Encode decides by the
// payment's scheme; otherwise UnmarshalJSON fails with Encode's error.
func (p *Payment) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := strictJSON(b, &m); err != nil {
		return err
	}
	var v Payment
	for _, k := range sortedKeys(m) {
		raw := m[k]
		e := rootEntryByKey(k)
		if e == nil {
			so := schemeValueByKey(k)
			if so == nil {
				return jsonError("no key " + strconv.Quote(k))
			}
			var s string
			if err := strictJSON(raw, &s); err != nil {
				return err
			}
			v.UnreservedValues = append(v.UnreservedValues, TagValue{Tag: so.From, Value: s})
			continue
		}
		var err error
		switch e.kind {
		case kindCRC:
		case kindField:
			vf := v.fields()
			err = strictJSON(raw, fieldIn(&vf, e))
		case kindNational:
			err = strictJSON(raw, &v.National)
		case kindAdditional:
			err = strictJSON(raw, &v.AdditionalData)
		case kindLanguage:
			err = strictJSON(raw, &v.Language)
		case kindMerchantAccount:
			err = strictJSON(raw, &v.MerchantAccounts)
		case kindUnreserved:
			err = strictJSON(raw, &v.Unreserved)
		case kindSchemeAccount, kindRFU:
			var list []TagValue
			if err = strictJSON(raw, &list); err == nil {
				for _, x := range list {
					if rootKind(x.Tag) != e.kind {
						return jsonError("tag " + x.Tag.String() + " does not belong under " + strconv.Quote(k))
					}
				}
				*v.rootList(e.kind) = list
			}
		}
		if err != nil {
			return err
		}
	}
	slices.SortStableFunc(v.SchemeAccounts, byTag)
	slices.SortStableFunc(v.RFU, byTag)
	slices.SortStableFunc(v.UnreservedValues, byTag)
	slices.SortStableFunc(v.MerchantAccounts, func(a, b MerchantAccount) int { return int(a.Tag) - int(b.Tag) })
	slices.SortStableFunc(v.Unreserved, func(a, b UnreservedTemplate) int { return int(a.Tag) - int(b.Tag) })
	if len(v.UnreservedValues) > 0 {
		// Whether the payment may hold a scheme's plain value depends on
		// its scheme, which the payment written out says.
		if _, err := v.Encode(); err != nil {
			return err
		}
	}
	*p = v
	return nil
}

// rootEntryByKey finds the table entry for a root key.
func rootEntryByKey(k string) *Object {
	for i := range objects {
		if objects[i].Key == k {
			return &objects[i]
		}
	}
	return nil
}

// schemeValueByKey finds the plain root value of a scheme (PromptPay's 81)
// for a root key.
func schemeValueByKey(k string) *Object {
	for p := range profiles {
		for i := range profiles[p].values {
			if o := &profiles[p].values[i]; o.Key == k {
				return o
			}
		}
	}
	return nil
}

// subEntryByKey finds the entry for key k inside template root.
func subEntryByKey(root emv.Tag, k string) *Object {
	e, ok := lookup(root)
	if !ok {
		return nil
	}
	for i := range e.Sub {
		if e.Sub[i].Key == k {
			return &e.Sub[i]
		}
	}
	return nil
}

// strictJSON decodes b into v, refusing unknown fields and trailing data.
func strictJSON(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return jsonError("trailing data after the JSON value")
	}
	return nil
}

// jsonError is an error in the JSON form of a Payment.
func jsonError(msg string) error { return &Error{Err: ErrValue, Detail: "JSON: " + msg} }

// sortedKeys returns m's keys in order, so errors are reproducible.
func sortedKeys(m map[string]json.RawMessage) []string { return slices.Sorted(maps.Keys(m)) }
