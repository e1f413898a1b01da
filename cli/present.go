package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/aicapex/aicapex/data"
	"github.com/aicapex/aicapex/ui"
	"github.com/spf13/cobra"
)

// defaultLoop is how long a kiosk's loop shows each slide when --autoplay
// does not say.
const defaultLoop = 20 * time.Second

func presentCmd(load func() (*data.Dataset, error), env Env) *cobra.Command {
	var storyFile, theme, color, export string
	var autoplay time.Duration
	var follow, notes, loop bool
	cmd := &cobra.Command{
		Use:   "present",
		Short: "Run a talk: full screen, high contrast, one slide of the story at a time",
		Long: `Run a talk through a story of slides. PageDown, →, space or Enter advance;
PageUp, ← or Backspace go back; Home and End go to the first and last slide; a
number then Enter jumps to that slide; b or . blanks the screen until pressed
again; c hides the clock; ? lists the keys. Only q or ctrl+c end the talk: Esc,
which presentation clickers send, closes the key list or does nothing.
--autoplay advances on a timer (a pauses and resumes); --loop is a kiosk: it
starts over after the last slide and only ctrl+c stops it.

--notes shows the speaker's notes of a talk running elsewhere: a local talk,
from a second terminal, or over aicapex serve the presenter's talk (for the
presenter's key). --export DIR writes each slide as an SVG file instead.

Over aicapex serve --presenter-keys, the presenter's session drives the talk and
sessions that run "present --follow" show the presenter's slide (e explores on
your own, f follows again). When the presenter leaves, followers explore; when
a presenter returns, they follow again.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := load()
			if err != nil {
				return err
			}
			if err := checkColor(color); err != nil {
				return usageError(err)
			}
			if autoplay < 0 {
				return usageError(errors.New("--autoplay must be positive, like 20s"))
			}
			if loop && autoplay == 0 {
				autoplay = defaultLoop
			}
			if notes && (follow || loop || export != "") {
				return usageError(errors.New("--notes shows a talk's notes: give it without --follow, --loop or --export"))
			}
			var story ui.Story
			switch {
			case storyFile == "":
				story, err = ui.DefaultStory(d)
			case !env.Local:
				return usageError(errors.New("--story reads a file: run aicapex present --story locally"))
			default:
				var f *os.File
				if f, err = os.Open(storyFile); err != nil {
					return err
				}
				defer f.Close()
				story, err = ui.ParseStory(storyFile, f, d)
			}
			if err != nil {
				return err
			}
			if export != "" {
				if !env.Local {
					return usageError(errors.New("--export writes files: run aicapex present --export locally, or ssh host print PANEL --format svg"))
				}
				return exportSlides(cmd.OutOrStdout(), d, story, export)
			}
			if env.Present == nil {
				return usageError(errors.New("a talk needs a terminal; over ssh use -t"))
			}
			o := ui.PresentOptions{Story: story, Autoplay: autoplay, Loop: loop, Follow: follow, Notes: notes, Color: color}
			return env.Present(d, o, theme)
		},
	}
	f := cmd.Flags()
	f.StringVar(&storyFile, "story", "", "story `FILE` (default: the bundled talk)")
	f.DurationVar(&autoplay, "autoplay", 0, "advance every `DURATION`, e.g. 20s")
	f.BoolVar(&loop, "loop", false, "a kiosk: autoplay (every 20s unless --autoplay says) that starts over and only ctrl+c stops")
	f.BoolVar(&follow, "follow", false, "over aicapex serve: show the presenter's slide")
	f.BoolVar(&notes, "notes", false, "the speaker's notes, following the talk: a local one, or over aicapex serve the presenter's")
	f.StringVar(&export, "export", "", "write each slide as an SVG file into `DIR`, and run no talk")
	f.StringVar(&theme, "theme", "contrast", "contrast|dark|light|mono")
	f.StringVar(&color, "color", "auto", "auto|always|never")
	return cmd
}

// exportSlides writes one SVG file per slide into dir, and lists them.
func exportSlides(w io.Writer, d *data.Dataset, story ui.Story, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i := range story.Slides {
		var b bytes.Buffer
		if err := ui.SlideSVG(&b, d, story, i); err != nil {
			return err
		}
		path := filepath.Join(dir, fmt.Sprintf("slide-%02d.svg", i+1))
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			return err
		}
		if _, err := fmt.Fprintln(w, path); err != nil {
			return err
		}
	}
	return nil
}
