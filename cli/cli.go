// Package cli is the aicapex command line: one command tree, run both by
// the local binary and by each SSH session, so `aicapex data` and
// `ssh host data` behave the same.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/aicapex/aicapex/data"
	"github.com/aicapex/aicapex/ui"
	"github.com/spf13/cobra"
)

// Env is what the commands need from where they run.
type Env struct {
	Stdout, Stderr io.Writer
	// Dataset returns the data to use. dir is the --data flag, empty for the
	// bundled figures; over SSH the flag does not exist.
	Dataset func(dir string) (*data.Dataset, error)
	// Dashboard runs the interactive program; nil where there is no terminal.
	Dashboard func(d *data.Dataset, o ui.Options) error
	// Present runs a talk; nil where there is no terminal. A local talk
	// ignores Follow; serve connects sessions to the presenter's stage.
	Present func(d *data.Dataset, o ui.PresentOptions, theme string) error
	// Serve, when set, adds the serve command (the local binary only); it
	// gets the same data loader as every other command.
	Serve func(load func() (*data.Dataset, error)) *cobra.Command
	// Local is true for the local binary, which may read --data DIR.
	Local bool
}

// ExitError carries the process exit code for an error.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string { return e.Err.Error() }
func (e *ExitError) Unwrap() error { return e.Err }

// usageError marks a mistake on the command line: exit code 2.
func usageError(err error) error { return &ExitError{Code: 2, Err: err} }

// ExitCode returns the exit code for an error returned by a command.
func ExitCode(err error) int {
	var e *ExitError
	if errors.As(err, &e) {
		return e.Code
	}
	return 1
}

// New builds the command tree.
func New(env Env) *cobra.Command {
	var dataDir string
	var view viewFlags
	load := func() (*data.Dataset, error) { return env.Dataset(dataDir) }

	root := &cobra.Command{
		Use:   "aicapex",
		Short: "How Amazon, Microsoft and Alphabet pour money into AI infrastructure",
		Long: `aicapex puts the three cloud providers' capital spending, cloud margins and
their escalation side by side, every figure traced to the filing it came from.

With no command it opens the dashboard.`,
		Version:       version(debug.ReadBuildInfo()),
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := load()
			if err != nil {
				return err
			}
			o, err := view.resolve(d, "")
			if err != nil {
				return usageError(err)
			}
			if env.Dashboard == nil {
				return usageError(errors.New("the dashboard needs a terminal; over ssh use -t, or run a command such as data"))
			}
			return env.Dashboard(d, o)
		},
	}
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError(err) })
	root.CompletionOptions.DisableDefaultCmd = true
	if env.Local {
		root.PersistentFlags().StringVar(&dataDir, "data", "", "read the CSV files in `DIR` alone, instead of the bundled figures and those aicapex update stored")
	}
	view.bind(root.Flags())

	root.AddCommand(dataCmd(load), checkCmd(load), printCmd(load), tableCmd(load), summaryCmd(load), presentCmd(load, env))
	if env.Serve != nil {
		root.AddCommand(env.Serve(load))
	}
	if env.Local {
		// Over SSH a session must not make the server fetch or write.
		root.AddCommand(updateCmd(env, &dataDir))
	}
	return root
}

func dataCmd(load func() (*data.Dataset, error)) *cobra.Command {
	var format string
	var allBases bool
	cmd := &cobra.Command{
		Use:   "data",
		Short: "Print every figure as tidy CSV (provider,quarter,metric,value_usd_m,...)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "csv" && format != "json" {
				return usageError(fmt.Errorf("unknown format %q; choose csv or json", format))
			}
			d, err := load()
			if err != nil {
				return err
			}
			if format == "json" {
				return d.WriteJSON(cmd.OutOrStdout(), allBases)
			}
			return d.WriteCSV(cmd.OutOrStdout(), allBases)
		},
	}
	cmd.Flags().StringVar(&format, "format", "csv", "csv or json")
	cmd.Flags().BoolVar(&allBases, "all-bases", false, "also print figures as first reported where a company later recast them")
	return cmd
}

func checkCmd(load func() (*data.Dataset, error)) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Validate a dataset (use with --data DIR) and report every problem",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := load()
			if err != nil {
				return err
			}
			probs, checked, unchecked := d.Reconcile()
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "%d figures for %d providers, %s to %s.\n", d.Count(), len(d.Providers()), d.First(), d.Last())
			fmt.Fprintf(out, "%d annual totals match their four quarters; %d could not be checked for want of a quarter.\n",
				checked-len(probs), unchecked)
			if len(probs) > 0 {
				return fmt.Errorf("%d annual totals do not match their quarters:\n%w", len(probs), probs)
			}
			return nil
		},
	}
}

// LoadDataset loads the bundled data with the figures aicapex update
// stored in UserDataDir, or the directory dir alone when given. Each call
// reads the files afresh and returns a new Dataset.
func LoadDataset(dir string) (*data.Dataset, error) {
	if dir == "" {
		store, err := UserDataDir()
		if err != nil {
			return data.LoadBundled() // no home directory: nothing was stored
		}
		return loadStored(store)
	}
	if st, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("--data %s: %w", dir, errors.Unwrap(err))
	} else if !st.IsDir() {
		return nil, fmt.Errorf("--data %s: not a directory", dir)
	}
	return data.LoadDir(os.DirFS(dir), dir)
}
