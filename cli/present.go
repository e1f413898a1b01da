package cli

import (
	"errors"
	"os"
	"time"

	"github.com/aicapex/aicapex/data"
	"github.com/aicapex/aicapex/ui"
	"github.com/spf13/cobra"
)

func presentCmd(load func() (*data.Dataset, error), env Env) *cobra.Command {
	var storyFile, theme, color string
	var autoplay time.Duration
	var follow bool
	cmd := &cobra.Command{
		Use:   "present",
		Short: "Run a talk: full screen, high contrast, one slide of the story at a time",
		Long: `Run a talk through a story of slides: space or → advances, ← goes back,
c hides the clock, q quits. --autoplay advances on a timer; any key pauses it, a resumes.

Over aicapex serve --presenter-keys, the presenter's session drives the talk and
sessions that run "present --follow" show the presenter's slide (e explores on
your own, f follows again).`,
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
			if env.Present == nil {
				return usageError(errors.New("a talk needs a terminal; over ssh use -t"))
			}
			return env.Present(d, ui.PresentOptions{Story: story, Autoplay: autoplay, Follow: follow, Color: color}, theme)
		},
	}
	f := cmd.Flags()
	f.StringVar(&storyFile, "story", "", "story `FILE` (default: the bundled talk)")
	f.DurationVar(&autoplay, "autoplay", 0, "advance every `DURATION`, e.g. 20s")
	f.BoolVar(&follow, "follow", false, "over aicapex serve: show the presenter's slide")
	f.StringVar(&theme, "theme", "contrast", "contrast|dark|light|mono")
	f.StringVar(&color, "color", "auto", "auto|always|never")
	return cmd
}
