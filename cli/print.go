package cli

import (
	"fmt"
	"strings"

	"github.com/aicapex/aicapex/data"
	"github.com/aicapex/aicapex/ui"
	"github.com/charmbracelet/lipgloss"
	"github.com/spf13/cobra"
)

func printCmd(load func() (*data.Dataset, error)) *cobra.Command {
	var view viewFlags
	var width, height int
	var format string
	cmd := &cobra.Command{
		Use:   "print PANEL",
		Short: "Render one panel (" + strings.Join(ui.PanelNames(), ", ") + ") to stdout at a size, without the interactive chrome",
		Args:  cobra.ExactArgs(1),
		Long: `Render one panel to stdout as the dashboard draws it, at --width x --height,
or with --format svg as a vector chart (1280x720, on white) with the same series,
markers, axis labels, legend, definition changes and events, and a source line.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "svg" {
				return usageError(fmt.Errorf("unknown format %q; choose text or svg", format))
			}
			if width > ui.MaxWidth || height > ui.MaxHeight {
				return usageError(fmt.Errorf("--width must be at most %d and --height %d; got %dx%d", ui.MaxWidth, ui.MaxHeight, width, height))
			}
			d, err := load()
			if err != nil {
				return err
			}
			o, err := view.resolve(d, args[0])
			if err != nil {
				return usageError(err)
			}
			out := cmd.OutOrStdout()
			if format == "svg" {
				return ui.PanelSVG(out, d, o) // resolve checked the chart
			}
			r := lipgloss.NewRenderer(out)
			ui.ApplyColor(r, o.Color)
			picture, err := ui.Render(d, o, r, width, height)
			if err != nil {
				return usageError(err)
			}
			_, err = fmt.Fprintln(out, picture)
			return err
		},
	}
	view.bindStatic(cmd.Flags())
	cmd.Flags().IntVar(&width, "width", 80, "columns")
	cmd.Flags().IntVar(&height, "height", 24, "lines")
	cmd.Flags().StringVar(&format, "format", "text", "text, or svg: a vector chart to print or hand out")
	return cmd
}
