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
	cmd := &cobra.Command{
		Use:   "print PANEL",
		Short: "Render one panel (" + strings.Join(ui.PanelNames(), ", ") + ") to stdout at a size, without the interactive chrome",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
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
	return cmd
}
