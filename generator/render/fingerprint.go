package render

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"reflect"
	"sort"

	"hubgen/generator/content"
	"hubgen/internal/parallel"
)

// Fingerprint hashes everything the output's layout can read, so that a
// live preview executes a layout again only when its fingerprint changed:
// every field of Data, walked by reflection (a field added later is
// covered without a word here), with UI strings standing for their
// language and a content page for its file, URL and translations: the
// output's own page (Data.Page) by its whole file, any other page (a list's
// items, a translation) by its front matter. Layouts show other pages'
// front matter, never their bodies. Two outputs with equal fingerprints
// under one seed render to the same bytes with the same layouts, UI strings
// and configuration. Raw outputs hash their bytes.
func (o *Output) Fingerprint(seed maphash.Seed) uint64 {
	return o.fingerprint(seed, nil)
}

// Fingerprints returns the fingerprints of outputs (see Output.Fingerprint),
// computed on all cores, each language's site information hashed once.
func Fingerprints(outputs []*Output, seed maphash.Seed) []uint64 {
	infos := map[*SiteInfo]uint64{}
	for _, o := range outputs {
		if o.Data != nil && o.Data.Site != nil {
			if _, ok := infos[o.Data.Site]; !ok {
				var h maphash.Hash
				h.SetSeed(seed)
				fp := fingerprinter{h: &h}
				fp.value(reflect.ValueOf(o.Data.Site))
				infos[o.Data.Site] = h.Sum64()
			}
		}
	}
	fps := make([]uint64, len(outputs))
	parallel.For(len(outputs), func(i int) { fps[i] = outputs[i].fingerprint(seed, infos) })
	return fps
}

func (o *Output) fingerprint(seed maphash.Seed, infos map[*SiteInfo]uint64) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	h.WriteString(o.Path)
	h.WriteByte(0)
	h.WriteString(o.Layout)
	h.WriteByte(0)
	if o.Raw != nil {
		h.Write(o.Raw)
		return h.Sum64()
	}
	fp := fingerprinter{h: &h, infos: infos}
	if o.Data != nil && o.Data.Page != nil {
		fp.int(o.Data.Page.SourceHash)
	}
	fp.value(reflect.ValueOf(o.Data))
	return h.Sum64()
}

type fingerprinter struct {
	h     *maphash.Hash
	buf   [8]byte
	infos map[*SiteInfo]uint64 // hashes of site information already made
}

var (
	pageType     = reflect.TypeOf((*content.Page)(nil))
	textType     = reflect.TypeOf((*Text)(nil))
	infoType     = reflect.TypeOf((*SiteInfo)(nil))
	anySliceType = reflect.TypeOf([]any(nil))
)

func (f *fingerprinter) int(n uint64) {
	binary.LittleEndian.PutUint64(f.buf[:], n)
	f.h.Write(f.buf[:])
}

func (f *fingerprinter) str(s string) {
	f.int(uint64(len(s)))
	f.h.WriteString(s)
}

// page writes what a layout can learn of a content page other than its
// own: its front matter, where it is published and its translations.
func (f *fingerprinter) page(p *content.Page) {
	f.str(p.Path)
	f.int(p.MatterHash)
	f.str(p.URL)
	f.int(uint64(len(p.Translations)))
	if len(p.Translations) == 1 { // the common case: no sorting
		for l, t := range p.Translations {
			f.translation(l, t)
		}
		return
	}
	langs := make([]string, 0, len(p.Translations))
	for l := range p.Translations {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		f.translation(l, p.Translations[l])
	}
}

func (f *fingerprinter) translation(lang string, t *content.Page) {
	f.str(lang)
	f.str(t.Path)
	f.int(t.MatterHash)
	f.str(t.URL)
}

// anyValue writes the JSON-like values of JSON-LD (maps, slices, strings)
// without reflection, which is slow on them; others go to value.
func (f *fingerprinter) anyValue(x any) {
	switch t := x.(type) {
	case string:
		f.str("s")
		f.str(t)
	case map[string]any:
		f.str("m")
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		f.int(uint64(len(keys)))
		for _, k := range keys {
			f.str(k)
			f.anyValue(t[k])
		}
	case []any:
		f.str("a")
		f.int(uint64(len(t)))
		for _, e := range t {
			f.anyValue(e)
		}
	default:
		f.value(reflect.ValueOf(x))
	}
}

func (f *fingerprinter) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.Invalid:
		f.int(0)
	case reflect.Pointer:
		if v.IsNil() {
			f.int(0)
			return
		}
		f.int(1)
		switch v.Type() {
		case pageType:
			f.page(v.Interface().(*content.Page))
		case textType:
			f.str(v.Interface().(*Text).lang)
		case infoType:
			if sum, ok := f.infos[v.Interface().(*SiteInfo)]; ok {
				f.int(sum)
			} else {
				f.value(v.Elem())
			}
		default:
			f.value(v.Elem())
		}
	case reflect.Interface:
		if v.IsNil() {
			f.int(0)
			return
		}
		f.str(v.Elem().Type().String())
		f.anyValue(v.Elem().Interface())
	case reflect.Struct:
		if t, ok := v.Interface().(interface{ UnixNano() int64 }); ok && v.Type().PkgPath() == "time" {
			f.int(uint64(t.UnixNano()))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				f.value(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type() == anySliceType {
			f.anyValue(v.Interface())
			return
		}
		f.int(uint64(v.Len()))
		if v.Type().Elem().Kind() == reflect.Uint8 && v.Kind() == reflect.Slice {
			f.h.Write(v.Bytes())
			return
		}
		for i := 0; i < v.Len(); i++ {
			f.value(v.Index(i))
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		f.int(uint64(len(keys)))
		for _, k := range keys {
			f.value(k)
			f.value(v.MapIndex(k))
		}
	case reflect.String:
		f.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			f.int(1)
		} else {
			f.int(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		f.int(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		f.int(v.Uint())
	case reflect.Float32, reflect.Float64:
		f.int(math.Float64bits(v.Float()))
	default:
		panic("render: cannot fingerprint a " + v.Kind().String())
	}
}
