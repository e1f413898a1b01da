package cli

import (
	"fmt"
	"strings"

	"github.com/aicapex/aicapex/data"
	"github.com/aicapex/aicapex/ui"
	"github.com/spf13/cobra"
)

func summaryCmd(load func() (*data.Dataset, error)) *cobra.Command {
	var quarter, chart, basis string
	var leases bool
	cmd := &cobra.Command{
		Use:   "summary [PANEL]",
		Short: "Two or three plain sentences on what a panel shows, figures from the data",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			panels := ui.PanelNames()
			if len(args) == 1 {
				if _, ok := ui.ChartNames(args[0]); !ok {
					return usageError(fmt.Errorf("unknown panel %q; choose one of %s", args[0], strings.Join(panels, ", ")))
				}
				panels = args
			}
			if chart != "" {
				p, ok := ui.PanelOf(chart)
				switch {
				case !ok:
					return usageError(fmt.Errorf("unknown chart %q", chart))
				case len(args) == 1 && p != args[0]:
					charts, _ := ui.ChartNames(args[0])
					return usageError(fmt.Errorf("unknown chart %q for the %s panel; choose one of %s", chart, args[0], strings.Join(charts, ", ")))
				}
				panels = []string{p}
			}
			d, err := load()
			if err != nil {
				return err
			}
			q, err := quarterOrLatest(d, quarter)
			if err != nil {
				return err
			}
			o := ui.Options{Quarter: q, Chart: chart, Basis: data.Capex}
			switch {
			case leases || basis == "leases":
				o.Basis = data.CapexInclFinanceLeases
			case basis != "cash":
				return usageError(fmt.Errorf("unknown basis %q; choose cash or leases", basis))
			}
			for i, p := range panels {
				if i > 0 {
					fmt.Fprintln(cmd.OutOrStdout())
				}
				o.Panel = p
				fmt.Fprintln(cmd.OutOrStdout(), ui.Summary(d, o))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&quarter, "quarter", "", "quarter: 2025Q3, FY2026Q1, 2025 or latest (default: latest with every provider's capex)")
	f.StringVar(&chart, "chart", "", "say what this chart shows, besides the panel's general sentences")
	f.StringVar(&basis, "basis", "cash", "capex: cash (purchases of property & equipment) or leases (incl. finance leases, where reported)")
	// --leases was this command's spelling of --basis leases.
	f.BoolVar(&leases, "leases", false, "the same as --basis leases")
	f.MarkHidden("leases")
	return cmd
}

// quarterOrLatest reads s as QuarterNamed does, or picks the quarter the
// dashboard opens on.
func quarterOrLatest(d *data.Dataset, s string) (data.Quarter, error) {
	if s == "" {
		s = "latest"
	}
	q, err := d.QuarterNamed(s)
	if err != nil {
		return q, usageError(fmt.Errorf("--quarter: %w", err))
	}
	return q, nil
}
