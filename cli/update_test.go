package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aicapex/aicapex/data"
)

// TestMain keeps every test away from the user's own data and cache.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "aicapex-cli-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, v := range []string{"XDG_DATA_HOME", "XDG_CACHE_HOME"} {
		if err := os.Setenv(v, filepath.Join(dir, v)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if err := os.Unsetenv(UserAgentVariable); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	if err := os.RemoveAll(dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	os.Exit(code)
}

// isolate gives a test its own data and cache directories.
func isolate(t *testing.T) (dataDir string) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache"))
	return filepath.Join(dir, "data", "aicapex")
}

// fixedTime is the Last-Modified of every fixture.
var fixedTime = time.Date(2026, 10, 30, 16, 5, 12, 0, time.UTC)

// edgarServer serves package edgar's fixtures at EDGAR's paths, refusing
// requests without a User-Agent as SEC does.
type edgarServer struct {
	*httptest.Server
	mu    sync.Mutex
	paths []string
}

func newEdgarServer(t *testing.T) *edgarServer {
	t.Helper()
	root, err := filepath.Abs("../edgar/testdata/edgar")
	if err != nil {
		t.Fatal(err)
	}
	s := &edgarServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.paths = append(s.paths, r.URL.Path)
		s.mu.Unlock()
		if !strings.Contains(r.UserAgent(), "@") {
			http.Error(w, "Undeclared Automated Tool", http.StatusForbidden)
			return
		}
		body, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(r.URL.Path)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("ETag", fmt.Sprintf(`"%x"`, sha256.Sum256(body)))
		http.ServeContent(w, r, "", fixedTime, bytes.NewReader(body))
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *edgarServer) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.paths...)
}

// runSplit runs a command line, returning stdout and stderr apart.
func runSplit(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := New(Env{Stdout: &out, Stderr: &errOut, Dataset: LoadDataset, Local: true})
	root.SetArgs(args)
	err = root.Execute()
	return out.String(), errOut.String(), err
}

func TestUpdateRefusesWithoutUserAgent(t *testing.T) {
	isolate(t)
	srv := newEdgarServer(t)
	_, _, err := runSplit(t, "update", "--sec-base-url", srv.URL)
	if err == nil || ExitCode(err) != 2 || !strings.Contains(err.Error(), "--user-agent") || !strings.Contains(err.Error(), UserAgentVariable) {
		t.Fatalf("error %v (exit %d), want exit 2 saying how to give a User-Agent", err, ExitCode(err))
	}
	if n := len(srv.requests()); n != 0 {
		t.Errorf("%d requests sent without a User-Agent", n)
	}
}

func TestUpdateStoresWhatEveryCommandShows(t *testing.T) {
	store := isolate(t)
	srv := newEdgarServer(t)
	t.Setenv(UserAgentVariable, "Test Suite test@example.com")

	out, stderr, err := runSplit(t, "update", "--sec-base-url", srv.URL, "--dry-run")
	if err != nil {
		t.Fatal(err, stderr)
	}
	if !strings.Contains(out, "would add alphabet 2026Q3 capex 41010 reported") || !strings.Contains(out, "nothing stored") {
		t.Errorf("dry run output:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(store, "quarterly.csv")); !os.IsNotExist(err) {
		t.Errorf("a dry run stored figures: %v", err)
	}

	out, stderr, err = runSplit(t, "update", "--sec-base-url", srv.URL)
	if err != nil {
		t.Fatal(err, stderr)
	}
	if stderr != "" {
		t.Errorf("stderr (not a terminal, no errors) = %q", stderr)
	}
	for _, want := range []string{
		"added microsoft 2026Q2 capex 31904 reported (https://www.sec.gov/Archives/edgar/data/789019/000095017026000095/0000950170-26-000095-index.htm)",
		"added amazon 2026Q3 capex_net 48439 reported",
		"Stored ", "from 9 filings in " + store,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("update output lacks %q:\n%s", want, out)
		}
	}

	// data shows the stored rows beside the bundled ones.
	out, _, err = runSplit(t, "data")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if r[0] == "alphabet" && r[1] == "2026Q2" && r[2] == "capex" {
			found = r[3] == "38240" && r[7] == "xbrl" && strings.HasPrefix(r[9], "derived: six months to 2026-06-30") && r[10] == "0"
		}
	}
	if !found {
		t.Error("data does not show Alphabet's 2026Q2 capex derived from the year to date")
	}
	d, err := LoadDataset("")
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Status(); !strings.HasPrefix(got, "bundled to 2026Q1 · SEC filings to 2026Q3, updated 20") {
		t.Errorf("status %q", got)
	}
	// --data DIR still means DIR alone.
	out, _, err = runSplit(t, "data", "--data", "../data/testdata/four")
	if err != nil || strings.Contains(out, "xbrl,us-gaap") {
		t.Errorf("--data mixed in stored figures (%v)", err)
	}

	// A second run finds nothing newer and reads no filing again.
	n := len(srv.requests())
	out, _, err = runSplit(t, "update", "--sec-base-url", srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range srv.requests()[n:] {
		if !strings.HasPrefix(p, "/submissions/") {
			t.Errorf("second run requested %s", p)
		}
	}
	if !strings.Contains(out, "amazon: no 10-Q or 10-K after its latest figure") {
		t.Errorf("second run:\n%s", out)
	}
}

func TestUpdateOfflineFails(t *testing.T) {
	store := isolate(t)
	srv := newEdgarServer(t)
	srv.Close()
	_, stderr, err := runSplit(t, "update", "--sec-base-url", srv.URL, "--user-agent", "Test Suite test@example.com")
	if err == nil || ExitCode(err) != 1 {
		t.Fatalf("error %v, exit %d; want exit 1", err, ExitCode(err))
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "amazon: filing history: ") || !strings.Contains(lines[0], "(offline?)") {
		t.Errorf("want one line per company:\n%s", stderr)
	}
	if _, err := os.Stat(store); !os.IsNotExist(err) {
		t.Errorf("an update that read nothing wrote to %s", store)
	}
}

func TestUpdateIsLocalOnly(t *testing.T) {
	var out bytes.Buffer
	root := New(Env{Stdout: &out, Stderr: &out, Dataset: func(string) (*data.Dataset, error) { return data.LoadBundled() }})
	root.SetArgs([]string{"update"})
	if err := root.Execute(); err == nil {
		t.Error("update runs in an SSH session")
	}
	_, _, err := runSplit(t, "update", "--data", "../data/testdata/four", "--user-agent", "a b@c")
	if ExitCode(err) != 2 {
		t.Errorf("update --data: %v", err)
	}
}

func TestBrokenStoreSaysWhatToDo(t *testing.T) {
	store := isolate(t)
	if err := os.MkdirAll(store, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(store, "quarterly.csv"), strings.Join(data.QuarterlyColumns, ",")+"\namazon,2026Q2,,capex,lots,0,reported,https://www.sec.gov/x,xbrl,,\n")
	_, _, err := runSplit(t, "data")
	if err == nil || !strings.Contains(err.Error(), filepath.Join(store, "quarterly.csv")+":2:") || !strings.Contains(err.Error(), "delete its files") {
		t.Errorf("error %v", err)
	}
}
