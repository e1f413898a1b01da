package cli

import (
	"fmt"
	"strings"

	"github.com/aicapex/aicapex/data"
	"github.com/aicapex/aicapex/ui"
	"github.com/spf13/cobra"
)

func summaryCmd(load func() (*data.Dataset, error)) *cobra.Command {
	var quarter string
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
			d, err := load()
			if err != nil {
				return err
			}
			q, err := quarterOrLatest(d, quarter)
			if err != nil {
				return err
			}
			basis := data.Capex
			if leases {
				basis = data.CapexInclFinanceLeases
			}
			for i, p := range panels {
				if i > 0 {
					fmt.Fprintln(cmd.OutOrStdout())
				}
				fmt.Fprintln(cmd.OutOrStdout(), ui.Summary(d, p, q, basis))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&quarter, "quarter", "", "quarter, e.g. 2025Q3 (default: latest with every provider's capex)")
	cmd.Flags().BoolVar(&leases, "leases", false, "capex including finance leases, where reported")
	return cmd
}

// quarterOrLatest parses s, or picks the quarter the dashboard opens on.
func quarterOrLatest(d *data.Dataset, s string) (data.Quarter, error) {
	if s == "" {
		if q, ok := d.LatestWith(data.Capex); ok {
			return q, nil
		}
		return d.Last(), nil
	}
	q, err := data.ParseQuarterIn(d, s)
	if err != nil {
		return q, usageError(err)
	}
	return q, nil
}
