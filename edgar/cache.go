package edgar

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/aicapex/aicapex/internal/atomicfile"
)

// cache keeps responses on disk, one file per document under a directory
// per host, with the validators that make the next request conditional.
type cache struct {
	dir string
}

// entryMeta is what a conditional request needs.
type entryMeta struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

type entry struct {
	body []byte
	meta entryMeta
}

// cacheKey is the relative file of a document: its host, then EDGAR's path.
func cacheKey(base, path string) string {
	host := "server"
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		host = strings.ReplaceAll(u.Host, ":", "_")
	}
	clean := filepath.Clean("/" + path) // no way out of the cache directory
	return filepath.Join(host, filepath.FromSlash(clean))
}

// load returns the cached document, or nil when there is none.
func (c *cache) load(key string) *entry {
	path := filepath.Join(c.dir, key)
	body, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	e := &entry{body: body}
	if m, err := os.ReadFile(path + ".meta"); err == nil {
		if json.Unmarshal(m, &e.meta) != nil {
			e.meta = entryMeta{} // a damaged validator only costs a full download
		}
	}
	return e
}

// store writes a document, then its validators, each file atomically.
// In that order a crash between the two leaves a new body with old
// validators, which at worst costs a download; never an old body that a
// 304 would vouch for.
func (c *cache) store(key string, body []byte, meta entryMeta) error {
	path := filepath.Join(c.dir, key)
	m, err := json.Marshal(meta)
	if err != nil {
		return err
	}
	if err := atomicfile.Write(path, body, 0o644); err != nil {
		return err
	}
	return atomicfile.Write(path+".meta", m, 0o644)
}
