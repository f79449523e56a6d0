package cli

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// eventStream reads Server-Sent Events: each event's name.
type eventStream struct {
	names chan string
	data  chan string
}

func openEvents(t testing.TB, url string) *eventStream {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	es := &eventStream{names: make(chan string, 64), data: make(chan string, 64)}
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 0, 1<<16), 1<<20)
		name := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && name != "":
				es.data <- strings.TrimPrefix(line, "data: ")
				es.names <- name
				name = ""
			}
		}
		close(es.names)
	}()
	return es
}

// next waits for the event named want, skipping others; it returns its data.
func (es *eventStream) next(t testing.TB, want string) string {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case name, ok := <-es.names:
			if !ok {
				t.Fatalf("event stream ended before %q", want)
			}
			data := <-es.data
			if name == want {
				return data
			}
		case <-timeout:
			t.Fatalf("no %q event within 20 s", want)
		}
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestLivePreview runs `serve` with its real watcher and HTTP server and
// edits the site as an editor would: an edited page changes and open pages
// reload; a new item appears in its list and on the home page; a deleted
// one disappears; broken front matter keeps the last good page and shows
// the problem; the fix clears it.
func TestLivePreview(t *testing.T) {
	dir := minimalSite(t, map[string]string{
		"news/a.pl.md": "---\ntitle: Pierwsza\nslug: pierwsza\ndate: 2024-01-01\n---\nStary tekst.\n",
	})
	port := freePort(t)
	base := "http://127.0.0.1:" + port
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan int)
	go func() {
		done <- RunContext(ctx, []string{"serve", "--source", dir, "--port", port}, &out, &errb)
	}()
	defer func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d: %s", code, errb.String())
		}
	}()
	for i := 0; i < 400 && !strings.Contains(out.String(), "serving"); i++ {
		time.Sleep(25 * time.Millisecond)
	}
	if !strings.Contains(out.String(), "serving") {
		t.Fatalf("serve did not start: %s %s", out.String(), errb.String())
	}
	write := func(rel, text string) {
		if err := os.WriteFile(filepath.Join(dir, "content", filepath.FromSlash(rel)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	es := openEvents(t, base+"/__hubgen/events")

	code, body := get(t, base+"/aktualnosci/pierwsza/")
	if code != 200 || !strings.Contains(body, "Stary tekst.") || !strings.Contains(body, "/__hubgen/live.js") {
		t.Fatalf("first page: %d, live script injected: %v", code, strings.Contains(body, "/__hubgen/live.js"))
	}

	write("news/a.pl.md", "---\ntitle: Pierwsza\nslug: pierwsza\ndate: 2024-01-01\n---\nNowy tekst.\n")
	es.next(t, "reload")
	if _, body := get(t, base+"/aktualnosci/pierwsza/"); !strings.Contains(body, "Nowy tekst.") {
		t.Error("the edited page is not served")
	}

	write("news/b.pl.md", "---\ntitle: Druga wiadomość\nslug: druga\ndate: 2024-02-01\n---\nTekst.\n")
	es.next(t, "reload")
	for _, page := range []string{"/aktualnosci/", "/"} {
		if _, body := get(t, base+page); !strings.Contains(body, "Druga wiadomość") {
			t.Errorf("the new item is not on %s", page)
		}
	}

	os.Remove(filepath.Join(dir, "content", "news", "b.pl.md"))
	es.next(t, "reload")
	if code, _ := get(t, base+"/aktualnosci/druga/"); code != 404 {
		t.Errorf("the deleted page answers %d", code)
	}
	for _, page := range []string{"/aktualnosci/", "/"} {
		if _, body := get(t, base+page); strings.Contains(body, "Druga wiadomość") {
			t.Errorf("the deleted item is still on %s", page)
		}
	}

	write("news/a.pl.md", "---\ntitle: \"Zła\ndate: 2024-01-01\n---\nZepsuty.\n")
	problems := es.next(t, "problems")
	if !strings.Contains(problems, "content/news/a.pl.md:1:1") && !strings.Contains(problems, "content/news/a.pl.md:2:1") {
		t.Errorf("problems event %s does not point at the file's line", problems)
	}
	if _, body := get(t, base+"/aktualnosci/pierwsza/"); !strings.Contains(body, "Nowy tekst.") {
		t.Error("the last good page is not served while the build fails")
	}
	if !strings.Contains(errb.String(), "content/news/a.pl.md:") {
		t.Errorf("the terminal does not show the problem: %s", errb.String())
	}

	write("news/a.pl.md", "---\ntitle: Pierwsza\nslug: pierwsza\ndate: 2024-01-01\n---\nNaprawiony.\n")
	es.next(t, "ok")
	es.next(t, "reload")
	if _, body := get(t, base+"/aktualnosci/pierwsza/"); !strings.Contains(body, "Naprawiony.") {
		t.Error("the fixed page is not served")
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("serve wrote public/")
	}
}
