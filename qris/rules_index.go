package qris

import (
	"sync"

	"github.com/qriskit/qriskit/emv"
)

// objectIndex finds the entry of a table of objects ([Objects], or the Sub
// of a template) for a tag in one load, where a scan of the table would run
// for every object of every payload.
type objectIndex struct {
	obj [100]*Object      // nil: not in the table
	sub [100]*objectIndex // the index of the entry's Sub, nil when none
}

// objectIndexes is built from [Objects] on first use and only read after.
var objectIndexes = sync.OnceValue(func() *objectIndex { return newObjectIndex(objects) })

func newObjectIndex(objs []Object) *objectIndex {
	ix := &objectIndex{}
	for i := range objs {
		o := &objs[i]
		var sub *objectIndex
		if len(o.Sub) > 0 {
			sub = newObjectIndex(o.Sub)
		}
		for t := int(o.From); t <= int(o.To) && t < len(ix.obj); t++ {
			if ix.obj[t] == nil {
				ix.obj[t], ix.sub[t] = o, sub
			}
		}
	}
	return ix
}

// lookup returns the entry for tag t and the index of its Sub; nil, nil
// when the table does not know t.
func (ix *objectIndex) lookup(t emv.Tag) (*Object, *objectIndex) {
	if ix == nil || t >= 100 {
		return nil, nil
	}
	return ix.obj[t], ix.sub[t]
}

// object returns the entry for tag t, or nil.
func (ix *objectIndex) object(t emv.Tag) *Object {
	if ix == nil || t >= 100 {
		return nil
	}
	return ix.obj[t]
}
