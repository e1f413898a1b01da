package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing/fstest"
	"time"

	"github.com/aicapex/aicapex/data"
	"github.com/aicapex/aicapex/edgar"
	"github.com/aicapex/aicapex/internal/atomicfile"
	"github.com/spf13/cobra"
)

// UserAgentVariable names the environment variable read for the User-Agent
// when --user-agent is not given.
const UserAgentVariable = "AICAPEX_SEC_USER_AGENT"

// UserDataDir is where aicapex keeps what it writes for the user:
// $XDG_DATA_HOME/aicapex, by default ~/.local/share/aicapex.
func UserDataDir() (string, error) {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "aicapex"), nil
}

// userCacheDir is where EDGAR's responses are kept between updates:
// $XDG_CACHE_HOME/aicapex, by default ~/.cache/aicapex.
func userCacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "aicapex"), nil
}

// loadStored loads the bundled figures with those update stored in dir.
func loadStored(dir string) (*data.Dataset, error) {
	d, err := data.LoadUpdated(os.DirFS(dir), dir)
	if err != nil {
		return nil, fmt.Errorf("%w\n(aicapex update stored the figures in %s: run it again, or delete its files to use the bundled figures alone)", err, dir)
	}
	return d, nil
}

func updateCmd(env Env, dataDir *string) *cobra.Command {
	var userAgent, baseURL string
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "update",
		Short: "Add the quarters filed since the bundled data from SEC EDGAR (10-Q and 10-K XBRL)",
		Long: `update reads each company's filing history from SEC EDGAR, then the XBRL
data of every 10-Q and 10-K for a quarter after its latest figure, and stores
the figures in ` + "$XDG_DATA_HOME/aicapex/quarterly.csv" + `. Every command then shows
the bundled figures and these together. A stored or bundled figure is never
replaced: where a filing disagrees, the difference is listed, and a filing's
restatement of an earlier quarter is kept as a recast figure.

SEC asks automated clients to say who they are: give your name and e-mail
with --user-agent or ` + UserAgentVariable + `. update sends at most 10
requests a second and keeps responses in $XDG_CACHE_HOME/aicapex, so a
second run downloads no filing it already has.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if *dataDir != "" {
				return usageError(errors.New("update stores the figures it reads in your data directory; --data is for reading a dataset of your own"))
			}
			if userAgent == "" {
				userAgent = os.Getenv(UserAgentVariable)
			}
			store, err := UserDataDir()
			if err != nil {
				return err
			}
			cache, err := userCacheDir()
			if err != nil {
				return err
			}
			client, err := edgar.NewClient(edgar.Config{UserAgent: userAgent, BaseURL: baseURL, CacheDir: filepath.Join(cache, "edgar")})
			if err != nil {
				return usageError(err)
			}
			d, err := loadStored(store)
			if err != nil {
				return err
			}
			var progress io.Writer
			if isTerminal(env.Stderr) {
				progress = env.Stderr
			}
			res := edgar.Update(cmd.Context(), client, d, edgar.Options{Progress: progress})
			out := cmd.OutOrStdout()
			report(out, res, dryRun)
			for _, e := range res.Errors {
				fmt.Fprintln(env.Stderr, "aicapex: update:", e)
			}
			if !dryRun && len(res.Read) > 0 {
				if err := save(store, d, res, time.Now()); err != nil {
					return err
				}
				fmt.Fprintf(out, "Stored %d figures from %d filings in %s.\n", len(res.Added), len(res.Read), store)
			}
			if res.Failed() {
				return &ExitError{Code: 1, Err: errors.New("nothing could be read from EDGAR")}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&userAgent, "user-agent", "", `your name and e-mail, sent to SEC as it requires ("Jane Doe jane@example.com"); default $`+UserAgentVariable)
	f.StringVar(&baseURL, "sec-base-url", "", "one `URL` serving both EDGAR hosts' paths (a mirror or a test server)")
	f.BoolVar(&dryRun, "dry-run", false, "list what would be added; store nothing")
	return cmd
}

// report lists what the update found: one line a figure, a difference or a
// figure a filing lacks.
func report(w io.Writer, res edgar.Result, dryRun bool) {
	verb := "added"
	if dryRun {
		verb = "would add"
	}
	for _, f := range res.Added {
		fmt.Fprintf(w, "%s %s %s %s %s %s (%s)\n", verb, f.Provider, f.Quarter, f.Metric, strconv.FormatFloat(float64(f.Value), 'f', -1, 64), f.Basis, f.Source.URL)
	}
	for _, d := range res.Differences {
		fmt.Fprintln(w, "differs:", d)
	}
	for _, s := range res.Skipped {
		fmt.Fprintln(w, "not read:", s)
	}
	for _, p := range res.UpToDate {
		fmt.Fprintf(w, "%s: no 10-Q or 10-K after its latest figure\n", p)
	}
	if dryRun {
		fmt.Fprintf(w, "Dry run: %d figures from %d filings, nothing stored.\n", len(res.Added), len(res.Read))
	}
}

// save stores the new figures after those stored before, and the filings
// read, each file replaced atomically. The result is loaded first, so a
// file that would not load is never written.
func save(dir string, d *data.Dataset, res edgar.Result, now time.Time) error {
	var figs, filings bytes.Buffer
	if err := data.WriteQuarterly(&figs, append(d.Updated(), res.Added...)); err != nil {
		return err
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	read := d.Filings()
	for _, r := range res.Read {
		read = slices.DeleteFunc(read, func(f data.Filing) bool { return f.Accession == r.Filing.Accession })
		read = append(read, data.Filing{Provider: r.Provider, Form: r.Filing.Form, Accession: r.Filing.Accession,
			PeriodEnd: r.Period, Filed: r.Filing.Filed, Read: today, URL: r.Filing.URL()})
	}
	if err := data.WriteFilings(&filings, read); err != nil {
		return err
	}
	check := fstest.MapFS{data.UpdatesFile: {Data: figs.Bytes()}, data.FilingsFile: {Data: filings.Bytes()}}
	if _, err := data.LoadUpdated(check, dir); err != nil {
		return fmt.Errorf("the figures read do not load, so nothing was stored:\n%w", err)
	}
	if err := atomicfile.Write(filepath.Join(dir, data.UpdatesFile), figs.Bytes(), 0o644); err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(dir, data.FilingsFile), filings.Bytes(), 0o644)
}

// isTerminal reports whether w is a terminal, where progress is shown.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
