// Command aicapex is a terminal dashboard of the AI capital-spending race
// between Amazon, Microsoft and Alphabet.
//
// Usage:
//
//	aicapex [--panel capex|margin|escalation] [--chart NAME] [--quarter 2025Q3] [view flags]
//	aicapex data [--format csv|json]
//	aicapex check --data DIR
//	aicapex print|summary PANEL, aicapex table [--metric capex]
//	aicapex present [--story FILE] [--autoplay 20s]
//	aicapex serve [--listen 127.0.0.1:23234]
//	aicapex update --user-agent "Jane Doe jane@example.com" [--dry-run]
//
// Run aicapex --help for every command and flag.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/aicapex/aicapex/cli"
	"github.com/aicapex/aicapex/data"
	"github.com/aicapex/aicapex/internal/cuefile"
	_ "github.com/aicapex/aicapex/internal/quietstart" // before Bubble Tea starts: see its doc
	"github.com/aicapex/aicapex/serve"
	"github.com/aicapex/aicapex/ui"
)

// presentLocally runs a talk on this terminal, sharing its place through
// the user's cue file so that `present --notes` in another terminal can
// follow it; following a presenter needs aicapex serve.
func presentLocally(d *data.Dataset, o ui.PresentOptions, theme string) (err error) {
	if o.Follow {
		return &cli.ExitError{Code: 2, Err: errors.New("--follow follows a presenter over aicapex serve --presenter-keys")}
	}
	path, err := cuefile.Path()
	if o.Notes {
		if err != nil {
			return err
		}
		o.Stage = cuefile.Follow(path)
		return ui.RunPresent(d, o, theme)
	}
	if err == nil {
		var lead *cuefile.Leader
		if lead, err = cuefile.Lead(path, o.Story.ID); err == nil {
			o.Stage, o.Lead = lead, true
			defer func() {
				if cerr := lead.Close(); cerr != nil {
					err = errors.Join(err, fmt.Errorf("the speaker's notes could not follow the talk: %w", cerr))
				}
			}()
		}
	}
	if err != nil {
		// The talk goes on without notes to follow it.
		fmt.Fprintln(os.Stderr, "aicapex: the speaker's notes will not follow this talk:", err)
	}
	return ui.RunPresent(d, o, theme)
}

func main() {
	root := cli.New(cli.Env{
		Stdout:    os.Stdout,
		Stderr:    os.Stderr,
		Dataset:   cli.LoadDataset,
		Dashboard: ui.Run,
		Present:   presentLocally,
		Serve:     serve.Command,
		Local:     true,
	})
	if err := root.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "aicapex:", err)
		os.Exit(cli.ExitCode(err))
	}
}
