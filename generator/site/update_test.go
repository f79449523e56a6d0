package site

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestBuildUpdatesInPlace: after every step of random edit sequences, a
// build into the previous output (updated in place, writing only what
// changed) leaves exactly the tree, manifest included, that a build into a
// new directory makes; a build that fails leaves the previous output
// exactly as it was.
func TestBuildUpdatesInPlace(t *testing.T) {
	for seed := uint64(1); seed <= 2; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			dir := copySite(t)
			setPageSize(t, dir, 2)
			dest := filepath.Join(t.TempDir(), "public")
			ctx := context.Background()
			if _, err := Build(ctx, Options{Source: dir, Dest: dest, Now: testNow}); err != nil {
				t.Fatal(err)
			}
			e := &editor{t: t, dir: dir, r: rand.New(rand.NewPCG(seed, 11))}
			var history []string
			for step := 0; step < 8; step++ {
				what, _ := e.edit()
				history = append(history, what)
				before := readTree(t, dest)
				res, err := Build(ctx, Options{Source: dir, Dest: dest, Now: testNow})
				fresh := filepath.Join(t.TempDir(), "public")
				fres, ferr := Build(ctx, Options{Source: dir, Dest: fresh, Now: testNow, NoCache: true})
				if (err == nil) != (ferr == nil) {
					t.Fatalf("after %s: update error %v, full build error %v", strings.Join(history, "; "), err, ferr)
				}
				if err != nil {
					if diff := diffTrees(readTree(t, dest), before); diff != "" {
						t.Fatalf("after %s: a failed build changed the output:\n%s", strings.Join(history, "; "), diff)
					}
					continue
				}
				if !res.Updated || res.Written >= res.Files {
					t.Errorf("after %s: updated %v, %d of %d files written", what, res.Updated, res.Written, res.Files)
				}
				if got, want := diagStrings(res), diagStrings(fres); !reflect.DeepEqual(got, want) {
					t.Errorf("after %s: problems differ from a full build's:\n got %q\nwant %q", strings.Join(history, "; "), got, want)
				}
				if diff := diffTrees(readTree(t, dest), readTree(t, fresh)); diff != "" {
					t.Fatalf("after %s: the updated output differs from a full build:\n%s", strings.Join(history, "; "), diff)
				}
			}
		})
	}
}
