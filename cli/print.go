package cli

import (
	"fmt"
	"strings"

	"github.com/aicapex/aicapex/data"
	"github.com/aicapex/aicapex/ui"
	"github.com/charmbracelet/lipgloss"
	"github.com/spf13/cobra"
)

// panelArg parses the PANEL argument of print and summary.
func panelArg(args []string, def ui.PanelID) (ui.PanelID, error) {
	if len(args) == 0 {
		return def, nil
	}
	p, err := ui.ParsePanel(args[0])
	if err != nil {
		return 0, usageError(err)
	}
	return p, nil
}

func printCmd(load func() (*data.Dataset, error)) *cobra.Command {
	var view ui.ViewFlags
	var width, height int
	cmd := &cobra.Command{
		Use:   "print PANEL",
		Short: "Render one panel (" + strings.Join(ui.PanelNames(), ", ") + ") to stdout at a size, without the interactive chrome",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			panel, err := panelArg(args, ui.CapexPanel)
			if err != nil {
				return err
			}
			if width < 20 || height < 6 || width > 1000 || height > 500 {
				return usageError(fmt.Errorf("--width must be 20 to 1000 and --height 6 to 500; got %dx%d", width, height))
			}
			d, err := load()
			if err != nil {
				return err
			}
			o, err := view.Resolve(d)
			if err != nil {
				return usageError(err)
			}
			o.Panel = panel
			out := cmd.OutOrStdout()
			r := lipgloss.NewRenderer(out)
			ui.ApplyColor(r, o.Color)
			_, err = fmt.Fprintln(out, ui.Render(d, o, r, width, height))
			return err
		},
	}
	view.BindStatic(cmd.Flags())
	cmd.Flags().IntVar(&width, "width", 80, "columns")
	cmd.Flags().IntVar(&height, "height", 24, "lines")
	return cmd
}
