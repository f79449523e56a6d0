package output

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriter: every file handed to a Writer is on disk with its bytes once
// Close returns, in directories it made; a file it cannot write is an error
// naming it, and the files queued after it are not written.
func TestWriter(t *testing.T) {
	dir := t.TempDir()
	w := NewWriter(dir, 4, nil)
	want := map[string]string{}
	for i := range 200 {
		rel := fmt.Sprintf("s%d/p%d/index.html", i%7, i)
		want[rel] = fmt.Sprint("page ", i)
		w.Write(rel, []byte(want[rel]))
	}
	w.Write("top.txt", []byte("top"))
	want["top.txt"] = "top"
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for rel, text := range want {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil || string(b) != text {
			t.Errorf("%s: %q, %v", rel, b, err)
		}
	}
	if w.Busy() <= 0 {
		t.Error("Busy is zero after writing 201 files")
	}

	// A file where a directory must go.
	w = NewWriter(dir, 2, nil)
	w.Write("top.txt/x.html", []byte("x"))
	err := w.Close()
	if err == nil || !strings.Contains(err.Error(), "top.txt") {
		t.Errorf("writing under a file: %v", err)
	}
}
