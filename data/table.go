package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// record is one CSV data row, addressed by column name.
type record struct {
	line   int
	fields map[string]string
}

func (r record) get(col string) string { return strings.TrimSpace(r.fields[col]) }

// maxRecords bounds what a hostile or runaway file can make us hold.
const maxRecords = 100_000

// readTable reads a CSV file with a header row. Missing required columns and
// malformed lines are reported to sink; readable rows are returned so that
// later checks can report their problems too. found is false when the file
// does not exist; readable is false when no row could be read for want of a
// header, so checks across rows would only repeat that.
func readTable(fsys fs.FS, name string, required, optional []string, sink problemSink) (recs []record, found, readable bool) {
	f, err := fsys.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, false, false
		}
		sink.add(0, "", "%v", err)
		return nil, true, false
	}
	defer f.Close()

	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.Comment = '#'
	header, err := r.Read()
	if err == io.EOF {
		sink.add(1, "", "file is empty; expected a header row: %s", strings.Join(required, ","))
		return nil, true, false
	}
	if err != nil {
		sink.add(lineOf(err, 1), "", "%v", unwrapCSV(err))
		return nil, true, false
	}
	all := append(append([]string{}, required...), optional...)
	pos := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		header[i] = h
		if !slices.Contains(all, h) {
			sink.add(1, h, "unknown column (did you mean %q?); known columns are %s", closest(h, all), strings.Join(all, ","))
			continue
		}
		if _, dup := pos[h]; dup {
			sink.add(1, h, "column appears twice")
		}
		pos[h] = i
	}
	missing := false
	for _, c := range required {
		if _, ok := pos[c]; !ok {
			sink.add(1, c, "required column is missing")
			missing = true
		}
	}
	if missing {
		return nil, true, false
	}

	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// FieldCount is off for us, so every error is one the reader
			// cannot resynchronise after: report it and stop.
			sink.add(lineOf(err, 0), "", "%v", unwrapCSV(err))
			break
		}
		line, _ := r.FieldPos(0)
		if len(recs) == maxRecords {
			sink.add(line, "", "more than %d rows; stopping here", maxRecords)
			break
		}
		if len(row) != len(header) {
			sink.add(line, "", "has %d fields, header has %d", len(row), len(header))
			continue
		}
		if isBlank(row) {
			continue
		}
		fields := make(map[string]string, len(pos))
		for c, i := range pos {
			fields[c] = row[i]
		}
		recs = append(recs, record{line: line, fields: fields})
	}
	return recs, true, true
}

func isBlank(row []string) bool {
	for _, f := range row {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func lineOf(err error, def int) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Line
	}
	return def
}

func unwrapCSV(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return fmt.Errorf("%v", err)
}

// closest returns the name in names nearest to s by edit distance, so a
// misspelt column is named with the one it was meant to be.
func closest(s string, names []string) string {
	best, bestDist := "", -1
	for _, n := range names {
		if d := editDistance(strings.ToLower(s), n); bestDist < 0 || d < bestDist {
			best, bestDist = n, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
