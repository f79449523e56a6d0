package site

import (
	"encoding/binary"
	"hash/fnv"
	"io"
	"testing"
	"time"

	"hubgen/generator/search"
)

// refDocHash and refPassHash are docHash and passHash as hash/fnv computes
// them: the build cache keeps the digests, so the values must not change
// without a new cache format.
func refDocHash(d *search.Doc) uint64 {
	h := fnv.New64a()
	var n [8]byte
	str := func(s string) {
		h.Write(binary.LittleEndian.AppendUint64(n[:0], uint64(len(s))))
		io.WriteString(h, s)
	}
	for _, s := range []string{d.URL, d.Lang, d.Kind, d.Title, d.Shown, d.Summary, d.Body, d.ActType, d.ActNumber} {
		str(s)
	}
	h.Write(binary.LittleEndian.AppendUint64(n[:0], uint64(len(d.Topics))))
	for _, t := range d.Topics {
		str(t)
	}
	b, _ := d.Date.MarshalBinary()
	h.Write(b)
	if d.Bag.Words != nil {
		words := d.Bag.Words.List()
		h.Write(binary.LittleEndian.AppendUint64(n[:0], uint64(len(d.Bag.IDs))))
		for k, id := range d.Bag.IDs {
			str(words[id])
			h.Write(binary.LittleEndian.AppendUint64(n[:0], uint64(d.Bag.Counts[k])))
		}
	}
	return h.Sum64()
}

func refPassHash(ps []search.Passage) uint64 {
	h := fnv.New64a()
	var n [8]byte
	num := func(v int) { h.Write(binary.LittleEndian.AppendUint64(n[:0], uint64(v))) }
	num(len(ps))
	for _, p := range ps {
		for _, s := range []string{p.Anchor, p.Label, p.Bits} {
			num(len(s))
			io.WriteString(h, s)
		}
		num(p.Start)
		num(p.End)
	}
	return h.Sum64()
}

func TestDigestsAreFNV(t *testing.T) {
	words := search.NewWords()
	bag := words.Counter().Count("Rada Unii Europejskiej przyjęła rada decyzję 2023/1187")
	warsaw := time.FixedZone("CET", 3600)
	docs := map[string]search.Doc{
		"empty":   {},
		"fields":  {URL: "/aktualnosci/x/", Lang: "pl", Kind: "news", Title: "Tytuł", Shown: "T", Summary: "Streszczenie", Body: "treść ąę", ActType: "Decyzja Rady", ActNumber: "2023/1187"},
		"topics":  {Title: "a", Topics: []string{"bezpieczeństwo", "", "Schengen"}},
		"date":    {Date: time.Date(2024, 3, 5, 10, 0, 0, 0, warsaw)},
		"dateUTC": {Date: time.Date(1999, 12, 31, 23, 59, 59, 999, time.UTC)},
		"bag":     {Lang: "pl", Bag: bag},
		"noWords": {Bag: search.Bag{Words: words}},
	}
	for name, d := range docs {
		if got, want := docHash(&d), refDocHash(&d); got != want {
			t.Errorf("docHash(%s) = %#x, hash/fnv gives %#x", name, got, want)
		}
	}
	passages := map[string][]search.Passage{
		"none":  nil,
		"top":   {{Start: 10, End: 400, Bits: "\x00\xff"}},
		"parts": {{Anchor: "art_3__par_1", Label: "Art. 3 ust. 1", Start: 1, End: 2, Bits: "abc"}, {Anchor: "h", Label: "Nagłówek…", Start: 1 << 40, End: -1}},
	}
	for name, ps := range passages {
		if got, want := passHash(ps), refPassHash(ps); got != want {
			t.Errorf("passHash(%s) = %#x, hash/fnv gives %#x", name, got, want)
		}
	}
	// Different documents digest differently.
	if docHash(&search.Doc{Title: "ab"}) == docHash(&search.Doc{Title: "a", Shown: "b"}) {
		t.Error("docHash does not tell the fields apart")
	}
}
