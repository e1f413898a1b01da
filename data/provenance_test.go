package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
)

// gathering matches words that describe how a figure was found rather than
// where it was published: names of look-up tools, result and file ids,
// temporary or archive-extraction paths, notes on draft rows. A reader
// cannot follow any of them to a source.
var gathering = regexp.MustCompile(`(?i)read_file|find_string|search[ -]index|stored (?:sources?|pages?)\b|/tmp/|tarfile|zip:|result ids?\b|file ids?\b|not returned by|draft row|\bids? #?\d{5,}|\bfile #?\d{6,}`)

// plainURL returns why s is not a plain http(s) URL a reader can open.
func plainURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://"):
		return errors.New("not an http(s) URL")
	case strings.ContainsAny(s, " \t\n"):
		return errors.New("has a space in it")
	case strings.Contains(strings.ToLower(s), "zip:"):
		return errors.New("points inside an archive (zip:)")
	case err != nil:
		return err
	case u.Host == "":
		return errors.New("has no host")
	}
	return nil
}

func TestPlainURL(t *testing.T) {
	for _, s := range []string{"https://www.sec.gov/Archives/edgar/data/1018724/000101872425000004/R34.htm", "http://x.example/a?b=c"} {
		if err := plainURL(s); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	for _, s := range []string{"", "www.sec.gov/x", "https:///path", "https://x.example/a b", "zip:/tmp/x.zip!R6.htm",
		"https://x.example/f.zip:/tmp/a/R6.htm", "ftp://x.example/a"} {
		if plainURL(s) == nil {
			t.Errorf("%q passes as a plain URL", s)
		}
	}
	for _, s := range []string{"read via read_file id 54985866124", "search-index file 54985866124", "the stored pages",
		"was not returned by search", "CORRECTION to the draft row", "zip:/tmp/x/R6.htm", "result id 123456"} {
		if !gathering.MatchString(s) {
			t.Errorf("%q is not caught", s)
		}
	}
	for _, s := range []string{"FY2023 10-K, accession 0001018724-24-000008", "https://docoh.com/filing/1018724/file/61/data",
		"stored on the balance sheet", "GitHub file data/aws.py at commit 1a2b3c"} {
		if gathering.MatchString(s) {
			t.Errorf("%q is caught: %q", s, gathering.FindString(s))
		}
	}
}

// Every field of the bundled files and the data README names public sources
// only, and every source_url is a plain URL a reader can open.
func TestProvenance(t *testing.T) {
	var probs []string
	names, err := fs.Glob(bundled, "*.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		f, err := bundled.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i, row := range rows[1:] {
			fields := map[string]string{}
			for j, field := range row {
				if j < len(rows[0]) {
					fields[rows[0][j]] = field
				}
			}
			for j, field := range row {
				col := ""
				if j < len(rows[0]) {
					col = rows[0][j]
				}
				if w := gathering.FindString(field); w != "" {
					probs = append(probs, fmt.Sprintf("%s:%d: column %q says how the figure was found (%q)", name, i+2, col, w))
				}
				// A gap (no value) needs no source.
				if v, hasValue := fields["value_usd_m"]; col == "source_url" && !(hasValue && v == "" && field == "") {
					if err := plainURL(field); err != nil {
						probs = append(probs, fmt.Sprintf("%s:%d: source_url %q: %v", name, i+2, field, err))
					}
				}
			}
		}
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(readme), "\n") {
		if w := gathering.FindString(line); w != "" {
			probs = append(probs, fmt.Sprintf("README.md:%d: says how figures were found (%q)", i+1, w))
		}
	}
	if len(probs) > 0 {
		t.Errorf("%d places name how a figure was found, or a source no reader can open:\n%s", len(probs), strings.Join(probs, "\n"))
	}
}
