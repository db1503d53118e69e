package qris

import "github.com/qriskit/qriskit/emv"

// The rules of the scheme profiles (the rows of profiles with a country,
// but QRIS's: see schemes): P01, the scheme's country and currency, and
// P02, its merchant accounts as its row in the profile table describes
// them.

// checkScheme applies P01, and P02 where none of the profile's accounts
// is there.
func (v *validator) checkScheme() {
	pr := v.prof
	// A malformed 58 or 53 is R19's or R14's.
	if c, ok := v.get(58); ok && c.Value != pr.country && len(c.Value) == 2 && isUpperAlpha(c.Value) {
		v.add(p01, v.path(c), c.Offset, v.text("country ", v.quote(c.Value), " is not ", v.quote(pr.country), ": this is not a ", pr.name, " payload"))
	}
	if c, ok := v.get(53); ok && c.Value != pr.currency && len(c.Value) == 3 && digitsOnly(c.Value) {
		v.add(p01, v.path(c), c.Offset, v.text("currency ", v.quote(c.Value), " is not ", v.quote(pr.currency), ", which ", pr.name, " requires"))
	}
	if len(pr.accounts) == 0 || v.schemeSeen {
		return
	}
	msg := v.text("no ", pr.name, " merchant account: put in ")
	for i := range pr.accounts {
		a := &pr.accounts[i]
		sep := ""
		if i > 0 {
			sep = " or "
		}
		msg = v.text(msg, sep, a.tag.String(), " (", a.what, ", GUID ", a.guid, ")")
	}
	v.missing(p02, pr.accounts[0].tag.String(), nil, msg)
}

// checkSchemeAccount applies P02 to template f, the scheme's account a,
// whose GUID g has passed R12.
func (v *validator) checkSchemeAccount(f *emv.Field, a *account, g *emv.Field, subs emv.Fields) {
	if g.Value != a.guid {
		// Its other objects mean what another scheme says: not checked.
		v.add(p02, v.path(g), g.Offset, v.text("GUID ", v.quote(g.Value), " is not ", a.guid, ", that of ", a.what, " in ", f.Tag.String()))
		return
	}
	v.checkSchemeObjects(f, a.objects, subs)
	if len(a.oneOf) == 0 {
		return
	}
	for _, t := range a.oneOf {
		if _, ok := subOf(subs, t); ok {
			return
		}
	}
	msg := v.text("template ", v.path(f), " names no account of ", a.what, ": put in one of ")
	for i, t := range a.oneOf {
		sep := ", "
		if i == 0 {
			sep = ""
		}
		msg = v.text(msg, sep, t.String(), " (", object(a.objects, t).Name, ")")
	}
	v.missing(p02, v.subPath(f, a.oneOf[0]), f, msg)
}

// checkSchemeObjects applies P02 to the objects subs of template f, as
// objs describes them: those required are present, each one the table
// knows has its format, length and values. Objects the table does not
// know are left alone: the scheme gives them no meaning here.
func (v *validator) checkSchemeObjects(f *emv.Field, objs []Object, subs emv.Fields) {
	for i := range objs {
		if o := &objs[i]; o.Required {
			if _, ok := subOf(subs, o.From); !ok {
				v.missing(v.rule(o), v.subPath(f, o.From), f, v.text("template ", v.path(f), " has no ", o.From.String(), ", the ", o.Name))
			}
		}
	}
	for i := range subs {
		s := &subs[i]
		// The GUID is R12's and checkSchemeAccount's.
		if o := object(objs, s.Tag); o != nil && !(s.Depth() == 1 && s.Tag == 0) {
			v.checkSchemeObject(s, o)
		}
	}
}

// checkSchemeObject applies P02 to f, an object the scheme's table
// describes as o.
func (v *validator) checkSchemeObject(f *emv.Field, o *Object) {
	if o.Template {
		if f.Depth() > 1 {
			return // no scheme nests deeper
		}
		if subs, ok := v.parseTemplate(f, 1); ok {
			v.checkSchemeObjects(f, o.Sub, subs)
		}
		return
	}
	if !v.checkValue(f, o) || o.values == nil {
		return
	}
	for _, s := range o.values {
		if f.Value == s {
			return
		}
	}
	msg := v.text(o.Name, " ", v.quote(f.Value), " is not ")
	for i, s := range o.values {
		sep := " or "
		if i == 0 {
			sep = ""
		}
		msg = v.text(msg, sep, v.quote(s))
	}
	v.add(v.rule(o), v.path(f), f.Offset, msg)
}
