package i18n

import (
	"bytes"
	"slices"
	"testing"
)

var towns = []string{"Malbork", "Łódź", "Lublin", "Lębork", "Zakopane", "Żywiec", "Ćmielów", "Ciechanów", "Sopot", "Śrem"}

func TestSortFunc(t *testing.T) {
	tests := []struct {
		lang string
		want []string
	}{
		{"pl", []string{"Ciechanów", "Ćmielów", "Lębork", "Lublin", "Łódź", "Malbork", "Sopot", "Śrem", "Zakopane", "Żywiec"}},
		// English has no letter Ł: it sorts as L with a secondary difference.
		{"en", []string{"Ciechanów", "Ćmielów", "Lębork", "Łódź", "Lublin", "Malbork", "Sopot", "Śrem", "Zakopane", "Żywiec"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			c := NewCollator(tt.lang)
			got := slices.Clone(towns)
			SortFunc(c, got, func(s string) string { return s })
			if !slices.Equal(got, tt.want) {
				t.Errorf("SortFunc(%s) = %q, want %q", tt.lang, got, tt.want)
			}
			// Sorting by keys must agree with Compare.
			for i := 1; i < len(got); i++ {
				if c.Compare(got[i-1], got[i]) > 0 {
					t.Errorf("Compare(%q, %q) > 0 but SortFunc put them in this order", got[i-1], got[i])
				}
			}
		})
	}
}

func TestSortFuncStable(t *testing.T) {
	type page struct {
		title string
		id    int
	}
	in := []page{{"Łódź", 1}, {"Lublin", 2}, {"Łódź", 3}, {"Kraków", 4}, {"Łódź", 5}, {"Lublin", 6}}
	want := []int{4, 2, 6, 1, 3, 5}
	got := slices.Clone(in)
	SortFunc(NewCollator("pl"), got, func(p page) string { return p.title })
	var ids []int
	for _, p := range got {
		ids = append(ids, p.id)
	}
	if !slices.Equal(ids, want) {
		t.Errorf("SortFunc order of ids = %v, want %v", ids, want)
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		lang, a, b string
		want       int
	}{
		{"pl", "Łódź", "Lublin", 1},
		{"pl", "Łódź", "Malbork", -1},
		{"en", "Łódź", "Lublin", -1},
		{"en", "Ćma", "Cz", -1},
		{"pl", "Ćma", "Cz", 1}, // ć is a letter after c, so every c-word comes first
		{"pl", "Śrem", "Sz", 1},
		{"pl", "Źrebię", "Żaba", -1},
		{"pl", "kot", "kot", 0},
		{"pl", "a", "B", -1},
	}
	for _, tt := range tests {
		if got := NewCollator(tt.lang).Compare(tt.a, tt.b); got != tt.want {
			t.Errorf("Compare[%s](%q, %q) = %d, want %d", tt.lang, tt.a, tt.b, got, tt.want)
		}
	}
}

// TestKeyCachePut: a key put into a cache (as a build keeps them for the
// next) is the one Key gives back and the one SortCached sorts by, not a
// key computed again; strings without one get theirs computed.
func TestKeyCachePut(t *testing.T) {
	titles := []string{"Żubr", "zebra", "Ćma", "cma", "Europol", "Ęta", "ant"}
	fresh := NewKeyCache()
	kept := NewKeyCache()
	for _, s := range titles[:4] {
		kept.Put("pl", s, fresh.Key("pl", s))
	}
	last := append(slices.Clone(fresh.Key("pl", "Żubr")), 0xff) // sorts "ant" after every title
	kept.Put("pl", "ant", last)
	if got := kept.Key("pl", "ant"); !bytes.Equal(got, last) {
		t.Errorf("ant: key %x, want the one put, %x", got, last)
	}
	for _, s := range titles[:6] {
		if got, want := kept.Key("pl", s), fresh.Key("pl", s); !bytes.Equal(got, want) {
			t.Errorf("%s: key %x, want %x", s, got, want)
		}
	}
	want := slices.Clone(titles[:6])
	SortFunc(NewCollator("pl"), want, func(s string) string { return s })
	want = append(want, "ant")
	got := slices.Clone(titles)
	SortCached(kept, "pl", got, func(s string) string { return s })
	if !slices.Equal(got, want) {
		t.Errorf("sorted with kept keys %q, want %q", got, want)
	}
}

// TestSortCachedChunks: SortCached orders as SortFunc does, stably, when
// it computes the keys it lacks in several chunks at once, and the keys it
// computed are the cache's afterwards (Key gives them back).
func TestSortCachedChunks(t *testing.T) {
	words := []string{"Żubr", "zebra", "Ćma", "cma", "Europol", "Ęta", "ant", "Łódź", "lody", "Ósemka", "osa", "Śląsk", "slad"}
	tests := []struct {
		name   string
		n      int // strings to sort
		warmed int // of them, in the cache before
	}{
		{"one chunk, none cached", keysPerChunk / 2, 0},
		{"many chunks, none cached", 5*keysPerChunk + 7, 0},
		{"many chunks, some cached", 3*keysPerChunk + 1, keysPerChunk},
		{"all cached", 2 * keysPerChunk, 2 * keysPerChunk},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			type item struct {
				s string
				i int
			}
			items := make([]item, tc.n)
			for i := range items {
				// Repeats, so that stability shows.
				items[i] = item{words[(i*7)%len(words)] + " " + words[(i*3)%len(words)], i}
			}
			k := NewKeyCache()
			for _, it := range items[:tc.warmed] {
				k.Key("pl", it.s)
			}
			want := slices.Clone(items)
			SortFunc(NewCollator("pl"), want, func(it item) string { return it.s })
			got := slices.Clone(items)
			SortCached(k, "pl", got, func(it item) string { return it.s })
			if !slices.Equal(got, want) {
				t.Errorf("SortCached's order differs from SortFunc's")
			}
			distinct := map[string]bool{}
			for _, it := range items {
				distinct[it.s] = true
			}
			if len(k.keys) != len(distinct) {
				t.Errorf("the cache holds %d keys after the sort, want %d", len(k.keys), len(distinct))
			}
			fresh := NewKeyCache()
			for _, it := range items {
				if got, want := k.Key("pl", it.s), fresh.Key("pl", it.s); !bytes.Equal(got, want) {
					t.Fatalf("%s: cached key %x, want %x", it.s, got, want)
				}
			}
		})
	}
}
