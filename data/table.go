package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
// later checks can report their problems too.
func readTable(fsys fs.FS, name string, required, optional []string, sink problemSink) ([]record, bool) {
	f, err := fsys.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, false
		}
		sink.add(0, "", "%v", err)
		return nil, true
	}
	defer f.Close()

	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.Comment = '#'
	header, err := r.Read()
	if err == io.EOF {
		sink.add(1, "", "file is empty; expected a header row: %s", strings.Join(required, ","))
		return nil, true
	}
	if err != nil {
		sink.add(lineOf(err, 1), "", "%v", unwrapCSV(err))
		return nil, true
	}
	known := map[string]bool{}
	for _, c := range append(append([]string{}, required...), optional...) {
		known[c] = true
	}
	pos := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		header[i] = h
		if !known[h] {
			sink.add(1, h, "unknown column; known columns are %s", strings.Join(append(append([]string{}, required...), optional...), ","))
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
		return nil, true
	}

	var recs []record
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
	return recs, true
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
