package edgar

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Filing is one entry of a company's filing history.
type Filing struct {
	CIK       int
	Accession string    // 0001018724-26-000012
	Form      string    // 10-Q, 10-K
	Filed     time.Time // filingDate
	Period    time.Time // reportDate: the end of the period reported on
}

// Folder is the filing's folder under /Archives, the URL a figure cites.
func (f Filing) Folder() string {
	return fmt.Sprintf("/Archives/edgar/data/%d/%s", f.CIK, strings.ReplaceAll(f.Accession, "-", ""))
}

// URL is the filing's index page on EDGAR, named by its accession number.
func (f Filing) URL() string { return ArchivesURL(f.Folder() + "/" + f.Accession + "-index.htm") }

// String names the filing as its figures' notes do: 10-Q 0001018724-26-000012.
func (f Filing) String() string { return f.Form + " " + f.Accession }

// submissions is the part of data.sec.gov's submissions JSON aicapex reads:
// column arrays, one element per filing, newest first.
type submissions struct {
	Filings struct {
		Recent struct {
			AccessionNumber []string `json:"accessionNumber"`
			FilingDate      []string `json:"filingDate"`
			ReportDate      []string `json:"reportDate"`
			Form            []string `json:"form"`
		} `json:"recent"`
	} `json:"filings"`
}

// ParseSubmissions reads a submissions document and returns the company's
// quarterly and annual reports (10-Q and 10-K), oldest period first.
// Amendments and every other form (8-K, 4, S-8, ...) are skipped.
func ParseSubmissions(cik int, body []byte) ([]Filing, error) {
	var s submissions
	if err := json.Unmarshal(body, &s); err != nil {
		return nil, fmt.Errorf("malformed JSON: %w", err)
	}
	r := s.Filings.Recent
	n := len(r.AccessionNumber)
	if n == 0 {
		return nil, errors.New("the submissions JSON lists no filings")
	}
	if len(r.Form) != n || len(r.FilingDate) != n || len(r.ReportDate) != n {
		return nil, fmt.Errorf("malformed submissions JSON: %d accession numbers but %d forms, %d filing dates, %d report dates",
			n, len(r.Form), len(r.FilingDate), len(r.ReportDate))
	}
	var out []Filing
	for i := range n {
		if r.Form[i] != "10-Q" && r.Form[i] != "10-K" {
			continue
		}
		f := Filing{CIK: cik, Accession: r.AccessionNumber[i], Form: r.Form[i]}
		var err error
		if f.Filed, err = time.Parse(time.DateOnly, r.FilingDate[i]); err != nil {
			return nil, fmt.Errorf("malformed submissions JSON: %s filing date %q", f.Accession, r.FilingDate[i])
		}
		if f.Period, err = time.Parse(time.DateOnly, r.ReportDate[i]); err != nil {
			return nil, fmt.Errorf("malformed submissions JSON: %s report date %q", f.Accession, r.ReportDate[i])
		}
		out = append(out, f)
	}
	slices.SortStableFunc(out, func(a, b Filing) int {
		if c := a.Period.Compare(b.Period); c != 0 {
			return c
		}
		return a.Filed.Compare(b.Filed)
	})
	return out, nil
}

// folderIndex is a filing folder's index.json.
type folderIndex struct {
	Directory struct {
		Name string `json:"name"`
		Item []struct {
			Name string `json:"name"`
		} `json:"item"`
	} `json:"directory"`
}

// InstanceName returns the XBRL instance listed in a filing folder's
// index.json: the *_htm.xml EDGAR extracts from an inline XBRL document.
func InstanceName(body []byte) (string, error) {
	var idx folderIndex
	if err := json.Unmarshal(body, &idx); err != nil {
		return "", fmt.Errorf("malformed JSON: %w", err)
	}
	if len(idx.Directory.Item) == 0 {
		return "", errors.New("the folder's index.json lists no files")
	}
	for _, it := range idx.Directory.Item {
		if strings.HasSuffix(it.Name, "_htm.xml") {
			return it.Name, nil
		}
	}
	return "", errors.New("the folder holds no XBRL instance (*_htm.xml)")
}
