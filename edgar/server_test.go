package edgar

import (
	"context"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// fakeEDGAR serves testdata/edgar at EDGAR's paths, as both hosts do:
// with ETags and Last-Modified, 304 to a conditional request, and 403 to
// a request without a User-Agent. Faults can be set per path.
type fakeEDGAR struct {
	*httptest.Server
	mu       sync.Mutex
	requests []request
	faults   map[string][]http.HandlerFunc // served in turn, then the file
}

type request struct {
	path, userAgent, ifNoneMatch string
	status                       int
	at                           time.Time
}

func newFakeEDGAR(t *testing.T) *fakeEDGAR {
	t.Helper()
	root, err := filepath.Abs("testdata/edgar")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeEDGAR{faults: map[string][]http.HandlerFunc{}}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		f.serve(rec, r, root)
		f.mu.Lock()
		f.requests = append(f.requests, request{path: r.URL.Path, userAgent: r.UserAgent(),
			ifNoneMatch: r.Header.Get("If-None-Match"), status: rec.status, at: time.Now()})
		f.mu.Unlock()
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeEDGAR) serve(w http.ResponseWriter, r *http.Request, root string) {
	if r.UserAgent() == "" || r.UserAgent() == "Go-http-client/1.1" {
		http.Error(w, "Your Request Originates from an Undeclared Automated Tool", http.StatusForbidden)
		return
	}
	f.mu.Lock()
	if queue := f.faults[r.URL.Path]; len(queue) > 0 {
		f.faults[r.URL.Path] = queue[1:]
		f.mu.Unlock()
		queue[0](w, r)
		return
	}
	f.mu.Unlock()
	path := filepath.Join(root, filepath.FromSlash(r.URL.Path))
	body, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(path, root) {
		http.NotFound(w, r)
		return
	}
	st, err := os.Stat(path)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("ETag", fmt.Sprintf(`"%x"`, sha256.Sum256(body)))
	http.ServeContent(w, r, filepath.Base(path), st.ModTime(), strings.NewReader(string(body)))
}

// fault queues handlers to answer the next requests for path.
func (f *fakeEDGAR) fault(path string, h ...http.HandlerFunc) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults[path] = append(f.faults[path], h...)
}

// log returns the requests so far.
func (f *fakeEDGAR) log() []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]request(nil), f.requests...)
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// status answers with a status code and a Retry-After, if given.
func status(code int, retryAfter string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		http.Error(w, http.StatusText(code), code)
	}
}

// body answers 200 with the given text.
func body(s string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, s) }
}

// truncated promises more bytes than it sends.
func truncated(s string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(len(s)+1000))
		fmt.Fprint(w, s)
	}
}

// testClient talks to the fake server without the rate limit, recording
// the waits it would have made.
func testClient(t *testing.T, srv *fakeEDGAR, cacheDir string) (*Client, *[]time.Duration) {
	t.Helper()
	c, err := NewClient(Config{UserAgent: "Test Suite test@example.com", BaseURL: srv.URL, CacheDir: cacheDir})
	if err != nil {
		t.Fatal(err)
	}
	c.limiter = rate.NewLimiter(rate.Inf, 1)
	var waits []time.Duration
	c.sleep = func(_ context.Context, d time.Duration) error {
		waits = append(waits, d)
		return nil
	}
	return c, &waits
}
