package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// The event stream at <base>/__hubgen/events (Server-Sent Events):
//
//	retry: 1000          on connect: reconnect quickly after the server stops
//	id: <epoch>.<gen>    the published site the stream has told about
//
//	event: problems      the build failed; data: a JSON array of
//	data: ["a.md:1:1: …"]   "path:line:col: message" lines (sent at once to
//	                     a client connecting while there are problems)
//	event: ok            the problems are gone; data: []
//	event: css           only stylesheets changed; data: a version number
//	                     for the stylesheets' ?v= query
//	event: reload        the site changed; data: the site's generation
//	: ping               every heartbeat, a comment
//
// Every event carries the id of the current site. A browser reconnecting
// sends it back as Last-Event-ID: when the site changed in the meantime (or
// the server was restarted: another epoch) the stream sends reload at once,
// and ok when there are no problems, so that a missed event never leaves a
// page stale. A status event (problems, ok) comes before a change (css,
// reload); a client that reads slowly gets only the latest of each.

// client is one open event stream. The pending fields are guarded by the
// Live's mutex.
type client struct {
	wake chan struct{} // capacity 1: something is pending

	status   string   // "", "problems" or "ok"
	problems []string // with status "problems"
	change   string   // "", "css" or "reload"
}

// signal wakes the client's stream without ever blocking.
func (c *client) signal() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// writeDeadline bounds each write to an event stream, so that a client that
// stopped reading cannot hold its handler.
const writeDeadline = 10 * time.Second

// events serves the event stream until the client goes away or Close.
func (l *Live) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	last := r.Header.Get("Last-Event-ID")
	c := &client{wake: make(chan struct{}, 1)}
	l.mu.Lock()
	closed, id := l.closed, l.eventID()
	if !closed {
		l.clients[c] = struct{}{}
		if l.problems != nil {
			c.status, c.problems = "problems", l.problems
		} else if last != "" {
			c.status = "ok"
		}
		if last != "" && last != id {
			c.change = "reload"
		}
		c.signal()
	}
	l.mu.Unlock()
	if closed {
		// A stream that ends at once: the browser tries again in a second
		// and reaches the next server, if any.
		w.WriteHeader(http.StatusOK)
		w.Write([]byte("retry: 1000\n\n"))
		return
	}
	defer func() {
		l.mu.Lock()
		delete(l.clients, c)
		l.mu.Unlock()
	}()

	w.WriteHeader(http.StatusOK)
	if !l.send(w, rc, []byte("retry: 1000\nid: "+id+"\n\n")) {
		return
	}
	heartbeat := time.NewTicker(l.heartbeat)
	defer heartbeat.Stop()
	for {
		select {
		case <-c.wake:
			if msg := l.take(c); len(msg) > 0 && !l.send(w, rc, msg) {
				return
			}
		case <-heartbeat.C:
			if !l.send(w, rc, []byte(": ping\n\n")) {
				return
			}
		case <-r.Context().Done():
			return
		case <-l.done:
			return
		}
	}
}

// send writes msg to the stream and flushes it, reporting success.
func (l *Live) send(w http.ResponseWriter, rc *http.ResponseController, msg []byte) bool {
	rc.SetWriteDeadline(time.Now().Add(writeDeadline))
	if _, err := w.Write(msg); err != nil {
		return false
	}
	return rc.Flush() == nil
}

// take returns the events pending for c, in the order they are to be sent,
// and clears them.
func (l *Live) take(c *client) []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	var b bytes.Buffer
	id := l.eventID()
	switch c.status {
	case "problems":
		data, _ := json.Marshal(c.problems) // one line: newlines are escaped
		writeEvent(&b, "problems", id, string(data))
	case "ok":
		writeEvent(&b, "ok", id, "[]")
	}
	if c.change != "" {
		writeEvent(&b, c.change, id, strconv.Itoa(l.gen))
	}
	c.status, c.problems, c.change = "", nil, ""
	return b.Bytes()
}

func writeEvent(b *bytes.Buffer, name, id, data string) {
	b.WriteString("event: " + name + "\nid: " + id + "\ndata: " + data + "\n\n")
}

// eventID names the current site; the caller holds l.mu.
func (l *Live) eventID() string {
	return l.epoch + "." + strconv.Itoa(l.gen)
}

// clientCount is the number of open event streams (for tests).
func (l *Live) clientCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.clients)
}
