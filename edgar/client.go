// Package edgar reads the SEC's EDGAR system within its fair-access rules:
// a company's filing history from the submissions API, and each quarterly
// or annual report's XBRL instance from its folder under /Archives. It turns
// a filing's facts into aicapex figures for calendar quarters, deriving a
// quarter from year-to-date figures where the filing states only those.
//
// Parsing and arithmetic are pure functions of the documents; the Client
// is the only part that talks to the network or the disk.
package edgar

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// The hosts EDGAR serves from: the APIs on one, the filings on the other.
const (
	DataHost     = "https://data.sec.gov"
	ArchivesHost = "https://www.sec.gov"
)

// MaxRequestsPerSecond is SEC's limit for automated access.
const MaxRequestsPerSecond = 10

// ErrNoUserAgent is returned when no User-Agent is given: SEC refuses
// anonymous automated requests, so none is sent.
var ErrNoUserAgent = errors.New(`SEC requires a User-Agent naming you and your e-mail address; ` +
	`pass --user-agent "Jane Doe jane@example.com" or set AICAPEX_SEC_USER_AGENT`)

// Config sets up a Client.
type Config struct {
	// UserAgent names the person or company and an e-mail address, as
	// SEC asks of automated clients ("Jane Doe jane@example.com").
	UserAgent string
	// BaseURL, when set, is one server answering for both EDGAR hosts (a
	// mirror or a test server); paths stay EDGAR's.
	BaseURL string
	// CacheDir holds responses between runs; empty means no cache.
	CacheDir string
	// HTTP is the client to send requests with; nil means a default with
	// a timeout.
	HTTP *http.Client
}

// Client fetches EDGAR documents: at most MaxRequestsPerSecond, with the
// User-Agent SEC requires, through an on-disk cache with conditional
// requests. It is safe for use by one goroutine at a time.
type Client struct {
	userAgent string
	dataBase  string
	wwwBase   string
	cache     *cache
	http      *http.Client
	limiter   *rate.Limiter
	// sleep waits before a retry; tests replace it to record the waits.
	sleep func(ctx context.Context, d time.Duration) error
	// tries is how many times a request is sent when the server is busy
	// (429) or failing (5xx).
	tries int
	// maxWait is the longest Retry-After honoured; past it, give up.
	maxWait time.Duration
	// Requests counts the requests sent (not cache hits).
	Requests int
}

// NewClient checks the configuration; it sends nothing.
func NewClient(cfg Config) (*Client, error) {
	ua := strings.TrimSpace(cfg.UserAgent)
	if ua == "" {
		return nil, ErrNoUserAgent
	}
	if !strings.Contains(ua, "@") {
		return nil, fmt.Errorf("the User-Agent %q has no e-mail address; SEC asks for a name and an e-mail, such as \"Jane Doe jane@example.com\"", ua)
	}
	c := &Client{userAgent: ua, dataBase: DataHost, wwwBase: ArchivesHost, http: cfg.HTTP,
		limiter: rate.NewLimiter(MaxRequestsPerSecond, 1), sleep: sleepCtx, tries: 3, maxWait: 30 * time.Second}
	if cfg.BaseURL != "" {
		base := strings.TrimRight(cfg.BaseURL, "/")
		if !strings.HasPrefix(base, "http://") && !strings.HasPrefix(base, "https://") {
			return nil, fmt.Errorf("--sec-base-url %q is not an http(s) URL", cfg.BaseURL)
		}
		c.dataBase, c.wwwBase = base, base
	}
	if c.http == nil {
		c.http = &http.Client{Timeout: 60 * time.Second}
	}
	if cfg.CacheDir != "" {
		c.cache = &cache{dir: cfg.CacheDir}
	}
	return c, nil
}

// ArchivesURL is the public address of a path on EDGAR's filing host, the
// URL a figure cites: always www.sec.gov, whichever server was read.
func ArchivesURL(path string) string { return ArchivesHost + path }

// Submissions fetches a company's filing history. The document changes
// with every filing, so a cached copy is revalidated with a conditional
// request.
func (c *Client) Submissions(ctx context.Context, cik int) ([]Filing, error) {
	var out []Filing
	_, err := c.get(ctx, c.dataBase, fmt.Sprintf("/submissions/CIK%010d.json", cik), false, func(b []byte) error {
		var err error
		out, err = ParseSubmissions(cik, b)
		return err
	})
	return out, err
}

// Instance fetches and parses a filing's XBRL instance, found through its
// folder's index.json. Both are immutable once filed, so a cached copy is
// used without asking the server again.
func (c *Client) Instance(ctx context.Context, f Filing) (*Instance, error) {
	var name string
	if _, err := c.get(ctx, c.wwwBase, f.Folder()+"/index.json", true, func(b []byte) error {
		var err error
		name, err = InstanceName(b)
		return err
	}); err != nil {
		return nil, err
	}
	var inst *Instance
	_, err := c.get(ctx, c.wwwBase, f.Folder()+"/"+name, true, func(b []byte) error {
		var err error
		inst, err = ParseInstance(bytes.NewReader(b))
		return err
	})
	return inst, err
}

// get returns the body at base+path. check parses it; a body that fails
// the check is never cached, so a truncated or malformed response is
// fetched afresh next time. An immutable document found in the cache is
// returned without a request.
func (c *Client) get(ctx context.Context, base, path string, immutable bool, check func([]byte) error) ([]byte, error) {
	url := base + path
	key := cacheKey(base, path)
	var cached *entry
	if c.cache != nil {
		cached = c.cache.load(key)
		if cached != nil && immutable {
			if err := check(cached.body); err == nil {
				return cached.body, nil
			}
			cached = nil // damaged on disk: fetch it again
		}
	}
	body, meta, fresh, err := c.fetch(ctx, url, cached)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", url, err)
	}
	if err := check(body); err != nil {
		return nil, fmt.Errorf("%s: %w", url, err)
	}
	if fresh && c.cache != nil {
		if err := c.cache.store(key, body, meta); err != nil {
			return nil, fmt.Errorf("cache: %w", err)
		}
	}
	return body, nil
}

// fetch sends the request, retrying while the server is busy or failing.
// fresh is false when the server answered 304 and the cached body stands.
func (c *Client) fetch(ctx context.Context, url string, cached *entry) (body []byte, meta entryMeta, fresh bool, err error) {
	for try := 1; ; try++ {
		if err := c.limiter.Wait(ctx); err != nil {
			return nil, meta, false, err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, meta, false, err
		}
		req.Header.Set("User-Agent", c.userAgent)
		if cached != nil {
			if cached.meta.ETag != "" {
				req.Header.Set("If-None-Match", cached.meta.ETag)
			}
			if cached.meta.LastModified != "" {
				req.Header.Set("If-Modified-Since", cached.meta.LastModified)
			}
		}
		c.Requests++
		resp, err := c.http.Do(req)
		if err != nil {
			return nil, meta, false, networkError(err)
		}
		body, readErr := io.ReadAll(resp.Body)
		closeErr := resp.Body.Close()
		switch {
		case resp.StatusCode == http.StatusNotModified && cached != nil:
			return cached.body, cached.meta, false, nil
		case resp.StatusCode == http.StatusOK:
			if readErr != nil {
				return nil, meta, false, fmt.Errorf("response cut short after %d bytes: %w", len(body), readErr)
			}
			if closeErr != nil {
				return nil, meta, false, closeErr
			}
			return body, entryMeta{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}, true, nil
		case resp.StatusCode == http.StatusTooManyRequests:
			wait, ok := retryAfter(resp.Header.Get("Retry-After"))
			if !ok {
				wait = time.Second
			}
			if wait > c.maxWait || try >= c.tries {
				return nil, meta, false, fmt.Errorf("HTTP 429 Too Many Requests: SEC asks to wait %s before trying again", wait.Round(time.Second))
			}
			if err := c.sleep(ctx, wait); err != nil {
				return nil, meta, false, err
			}
		case resp.StatusCode >= 500:
			if try >= c.tries {
				return nil, meta, false, fmt.Errorf("HTTP %s from the server, %d tries", resp.Status, try)
			}
			if err := c.sleep(ctx, time.Duration(try)*time.Second); err != nil {
				return nil, meta, false, err
			}
		case resp.StatusCode == http.StatusForbidden:
			return nil, meta, false, errors.New("HTTP 403 Forbidden: SEC refuses a User-Agent without a name and e-mail address, " +
				"and clients that exceed 10 requests a second (such a block lasts about ten minutes)")
		default:
			return nil, meta, false, fmt.Errorf("HTTP %s", resp.Status)
		}
	}
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(v string) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0), true
	}
	return 0, false
}

// networkError says plainly that the server could not be reached.
func networkError(err error) error {
	var dns *net.DNSError
	var op *net.OpError
	var timeout interface{ Timeout() bool }
	switch {
	case errors.Is(err, context.Canceled):
		return err
	case errors.As(err, &dns):
		return fmt.Errorf("cannot reach %s (offline?): %s", dns.Name, dns.Err)
	case errors.As(err, &timeout) && timeout.Timeout():
		return fmt.Errorf("no answer in time (offline?): %w", err)
	case errors.As(err, &op):
		return fmt.Errorf("cannot connect (offline?): %w", op)
	}
	return fmt.Errorf("request failed: %w", err)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
