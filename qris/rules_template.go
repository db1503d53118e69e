package qris

import (
	"errors"
	"slices"
	"strings"

	"github.com/qriskit/qriskit/emv"
)

// The rules inside templates: merchant accounts (26..51), additional data
// (62 and its templates 50..99), the language template (64) and the
// unreserved templates (80..99).

// maxSubObjects bounds the objects of one template: 99 characters hold at
// most 19 objects of 5 or more, so a template parses into a fixed array.
const maxSubObjects = 20

// parseTemplate parses the value of template f, at nesting depth 0 (a root
// template) or 1 (62.50..99), into the validator's buffer for that depth,
// reporting a fault as R04 (a duplicate) or R03. It reports whether the
// value parsed.
func (v *validator) parseTemplate(f *emv.Field, depth int) (emv.Fields, bool) {
	v.tpl[depth&1] = f.Tag
	subs, err := f.AppendTemplate(v.subs[depth&1][:0])
	if err != nil {
		v.templateError(f, err)
		return nil, false
	}
	return subs, true
}

// templateError reports why a template's value did not parse.
func (v *validator) templateError(f *emv.Field, err error) {
	// AsType, not As: As's target would cost an allocation a payload.
	pe, ok := errors.AsType[*emv.Error](err)
	if !ok {
		v.add(r03, v.path(f), f.Offset, v.text("template ", v.path(f), ": ", err.Error()))
		return
	}
	tag := pe.Tag
	if tag == "" {
		tag = v.path(f)
	}
	if pe.Err == emv.ErrDuplicate {
		v.add(r04, tag, pe.Offset, v.text("tag ", tag, " appears twice in template ", v.path(f), ": each ID may appear once"))
	} else {
		v.add(r03, tag, pe.Offset, v.structureMessage(pe, v.text("template ", v.path(f))))
	}
}

// subOf returns the object with tag t in subs.
func subOf(subs emv.Fields, t emv.Tag) (*emv.Field, bool) {
	for i := range subs {
		if subs[i].Tag == t {
			return &subs[i], true
		}
	}
	return nil, false
}

// subPath is the path of an object of template f that is not there.
func (v *validator) subPath(f *emv.Field, t emv.Tag) string {
	return v.text(v.path(f), ".", t.String())
}

// checkAccount applies the rules of a merchant account template, 26..51:
// R01 (its content is ans), R12 in the EMV profile, Q06..Q11 in QRIS.
func (v *validator) checkAccount(f *emv.Field, o *Object, ix *objectIndex) {
	if !v.clean {
		if i, r := badANS(f.Value); i >= 0 {
			v.add(r01, v.path(f), f.Offset+4+i, v.text("merchant account ", f.Tag.String(), " holds ", v.describeRune(r), " at character ", v.itoa(i+1), " of its value: the content of 26..51 is printable ASCII (space to '~')"))
			// Reported once for the template, not again for the object
			// that holds it.
			v.badTemplate = true
		}
	}
	v.checkAccountObjects(f, o, ix)
	v.badTemplate = false
}

// checkAccountObjects applies the rules inside a merchant account template,
// whose row is o.
func (v *validator) checkAccountObjects(f *emv.Field, o *Object, ix *objectIndex) {
	a := v.prof.account(f.Tag)
	if a != nil {
		v.schemeSeen = true
	}
	subs, ok := v.parseTemplate(f, 0)
	if !ok {
		return
	}
	switch {
	case v.qris && isDomestic(o):
		v.checkDomestic(f, o, ix, subs)
	case v.qris && o.kind == kindNational:
		v.checkNational(f, ix, subs)
	default:
		if g, ok := v.checkGUID(f, ix, subs); ok && a != nil {
			v.checkSchemeAccount(f, a, g, subs)
		}
	}
}

// checkGUID applies the rule of 00, the GUID, in the table ix of template
// f: f carries it, and it follows its row.
func (v *validator) checkGUID(f *emv.Field, ix *objectIndex, subs emv.Fields) (*emv.Field, bool) {
	o := ix.object(0)
	g, ok := subOf(subs, 0)
	if !ok {
		v.missing(v.rule(o), v.subPath(f, 0), f, v.text("template ", v.path(f), " has no 00, the globally unique identifier (GUID) of its owner"))
		return nil, false
	}
	if !v.checkValue(g, o) {
		return g, false
	}
	v.checkPipe(g, o)
	return g, true
}

// merchantCriteria are the codes of QRIS Table 4.6.
var merchantCriteria = []string{"UMI", "UKE", "UME", "UBE", "URE", "PSO", "BLU"}

// merchantCriteriaList is merchantCriteria for messages.
var merchantCriteriaList = strings.Join(merchantCriteria, ", ")

func isMerchantCriteria(s string) bool { return slices.Contains(merchantCriteria, s) }

// checkCriteria applies the rule of o, a merchant criteria row (Q08), to c.
func (v *validator) checkCriteria(c *emv.Field, o *Object) {
	if !isMerchantCriteria(c.Value) {
		v.add(v.rule(o), v.path(c), c.Offset, v.text("merchant criteria ", v.quote(c.Value), " is not one of ", merchantCriteriaList))
	}
}

// checkDomestic applies the rules of domesticAccountSub (Q06, Q07, Q08 and
// Q12) to a domestic acquirer template, 26..45, whose row is o. QRIS's rule
// for the template (o's, Q06) requires 01..03, which EMV leaves out.
func (v *validator) checkDomestic(f *emv.Field, o *Object, ix *objectIndex, subs emv.Fields) {
	if g, ok := v.checkGUID(f, ix, subs); ok && g.Value != "00" && !isReverseDomain(g.Value) {
		v.add(v.rule(ix.object(0)), v.path(g), g.Offset, v.text("GUID ", v.quote(g.Value), " is neither a reverse domain name (such as ID.CO.QRIS.WWW) nor \"00\""))
	}
	if pan, ok := subOf(subs, 1); !ok {
		v.missing(v.rule(o), v.subPath(f, 1), f, v.text("template ", v.path(f), " has no 01, the merchant PAN"))
	} else if po := ix.object(1); v.checkValue(pan, po) && (len(pan.Value) < 8 || !strings.HasPrefix(pan.Value, "9360")) {
		// Only the NNS prefix: the check digit is not checked (Q20).
		v.add(extraRule(po), v.path(pan), pan.Offset, v.text("merchant PAN ", v.quote(pan.Value), " does not start with an NNS, \"9360\" and four more digits"))
	}
	if id, ok := subOf(subs, 2); !ok {
		v.missing(v.rule(o), v.subPath(f, 2), f, v.text("template ", v.path(f), " has no 02, the merchant ID"))
	} else if io := ix.object(2); v.checkValue(id, io) {
		v.checkPipe(id, io)
	}
	if c, ok := subOf(subs, 3); !ok {
		v.missing(v.rule(o), v.subPath(f, 3), f, v.text("template ", v.path(f), " has no 03, the merchant criteria (UMI, UKE, UME, UBE, URE, PSO or BLU)"))
	} else {
		v.checkCriteria(c, ix.object(3))
	}
}

// checkNational applies the rules of nationalSub (Q08..Q11) to 51, the
// national repository template.
func (v *validator) checkNational(f *emv.Field, ix *objectIndex, subs emv.Fields) {
	if g, ok := v.checkGUID(f, ix, subs); ok && g.Value != "ID.CO.QRIS.WWW" {
		v.add(extraRule(ix.object(0)), v.path(g), g.Offset, v.text("GUID ", v.quote(g.Value), " is not \"ID.CO.QRIS.WWW\", the value of every QRIS seen"))
	}
	if pan, ok := subOf(subs, 1); ok {
		v.checkValue(pan, ix.object(1))
	}
	io := ix.object(2)
	if id, ok := subOf(subs, 2); !ok {
		v.missing(v.rule(io), v.subPath(f, 2), f, "template 51 has no 02, the national merchant ID (NMID)")
	} else if v.checkValue(id, io) {
		v.checkPipe(id, io)
		if len(id.Value) != 15 || id.Value[:2] != "ID" || !digitsOnly(id.Value[2:]) {
			v.add(extraRule(io), v.path(id), id.Offset, v.text("NMID ", v.quote(id.Value), " is not \"ID\" and 13 digits, the form of every NMID seen"))
		}
	}
	if c, ok := subOf(subs, 3); ok {
		v.checkCriteria(c, ix.object(3))
	}
}

// checkAdditional applies R23, R26, Q17, Q18 and Q19 to 62, the
// additional data template.
func (v *validator) checkAdditional(f *emv.Field, ix *objectIndex) {
	subs, ok := v.parseTemplate(f, 0)
	if !ok {
		return
	}
	for i := range subs {
		s := &subs[i]
		// additionalDataSub covers 00..99, every tag a sub-object has.
		so, six := ix.lookup(s.Tag)
		// The table says which tags are reserved and which are named
		// values, and which rule guards each; only 62.09's syntax is
		// particular here.
		switch t := s.Tag; {
		case so.Key == "rfu":
			v.add(v.rule(so), v.path(s), s.Offset, v.text("tag ", v.path(s), " is reserved for future use by EMVCo: decoders ignore it and encoders must not write it"))
		case t == 9:
			if v.checkValue(s, so) && !consumerDataRequest(s.Value) {
				v.add(v.rule(so), v.path(s), s.Offset, v.text("consumer data request ", v.quote(s.Value), " must be made of A (address), M (mobile) and E (email), each at most once"))
			}
		case !so.Template:
			if v.checkValue(s, so) {
				v.checkPipe(s, so)
			}
		case t == 99 && v.qris:
			v.checkProprietary(s, so, six)
		default:
			v.checkGUIDTemplate(s, 1, six)
		}
	}
}

// consumerDataRequest reports whether s is made of A, M and E, each at
// most once.
func consumerDataRequest(s string) bool {
	var seen [3]bool
	for i := 0; i < len(s); i++ {
		k := strings.IndexByte("AME", s[i])
		if k < 0 || seen[k] {
			return false
		}
		seen[k] = true
	}
	return true
}

// checkGUIDTemplate parses a template whose one fixed object is 00, the
// GUID (62.50..99 at depth 1, 80..99 at depth 0), and checks the GUID.
func (v *validator) checkGUIDTemplate(f *emv.Field, depth int, ix *objectIndex) {
	if subs, ok := v.parseTemplate(f, depth); ok {
		v.checkGUID(f, ix, subs)
	}
}

// maxProprietary is the bound QRIS 4.8.1.4 gives 62.99, tighter than the
// 99 of any value.
const maxProprietary = 91

// checkProprietary applies the rule of 62.99, the QRIS proprietary
// template, whose row is o (Q19), and those of its objects.
func (v *validator) checkProprietary(f *emv.Field, o *Object, ix *objectIndex) {
	if n := runeCount(f.Value, v.ascii); n > maxProprietary {
		v.add(v.rule(o), v.path(f), f.Offset, v.text("proprietary data template 62.99 is ", v.itoa(n), " characters: at most ", v.itoa(maxProprietary)))
	}
	subs, ok := v.parseTemplate(f, 1)
	if !ok {
		return
	}
	v.checkGUID(f, ix, subs)
	do := ix.object(1)
	if d, ok := subOf(subs, 1); !ok {
		v.missing(v.rule(do), v.subPath(f, 1), f, "proprietary data template 62.99 has no 01, the proprietary data")
	} else if v.checkValue(d, do) {
		v.checkPipe(d, do)
	}
}

// checkLanguage applies R24 and R26 to 64, the language template.
func (v *validator) checkLanguage(f *emv.Field, ix *objectIndex) {
	subs, ok := v.parseTemplate(f, 0)
	if !ok {
		return
	}
	lo := ix.object(0)
	if l, ok := subOf(subs, 0); !ok {
		v.missing(v.rule(lo), v.subPath(f, 0), f, "language template 64 has no 00, the language (ISO 639, such as \"id\")")
	} else if v.checkValue(l, lo) && !isAlpha(l.Value) {
		v.add(v.rule(lo), v.path(l), l.Offset, v.text("language ", v.quote(l.Value), " is not two letters (ISO 639, such as \"id\")"))
	}
	if _, ok := subOf(subs, 1); !ok {
		v.missing(v.rule(ix.object(1)), v.subPath(f, 1), f, "language template 64 has no 01, the merchant name in that language")
	}
	for i := range subs {
		s := &subs[i]
		switch so := ix.object(s.Tag); {
		case s.Tag == 1 || s.Tag == 2:
			v.checkValue(s, so)
		case s.Tag >= 3:
			v.add(v.rule(so), v.path(s), s.Offset, v.text("tag ", v.path(s), " is reserved for future use by EMVCo: decoders ignore it and encoders must not write it"))
		}
	}
}
