package ui

import (
	"strings"
	"testing"

	"github.com/aicapex/aicapex/data"
	tea "github.com/charmbracelet/bubbletea"
)

// typeKeys sends each key of s as the terminal would: one rune a key.
func typeKeys(s string) []tea.Msg {
	var msgs []tea.Msg
	for _, r := range s {
		msgs = append(msgs, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return msgs
}

var enter = tea.KeyMsg{Type: tea.KeyEnter}

// The jump prompt takes what people type; a bad entry keeps the prompt
// open and says why; esc leaves the cursor where it was.
func TestJumpPrompt(t *testing.T) {
	d := bundled(t)
	latest, _ := d.LatestWith(data.Capex)
	good := map[string]data.Quarter{
		"2023Q1": data.NewQuarter(2023, 1), "2023q2": data.NewQuarter(2023, 2), "FY2024Q2": data.NewQuarter(2023, 4),
		"2021": data.NewQuarter(2021, 1), "latest": latest,
	}
	for entry, want := range good {
		m, _ := newModel(t, d, 80, 24)
		m = send(m, keyMsg("/"))
		m = send(m, typeKeys(entry)...)
		m = send(m, enter)
		if m.prompting || m.sh.cursor != want {
			t.Errorf("/%s: cursor %v, prompt open %v; want %v", entry, m.sh.cursor, m.prompting, want)
		}
	}
	bad := map[string]string{
		"2030Q1": "2030Q1 is outside the data, which runs from 2019Q1 to 2026Q1",
		"2023Q7": "quarter must be Q1 to Q4",
		"Q3":     `"Q3" is not a quarter: try 2023Q1, FY2024Q2 (Microsoft's), 2023 or latest`,
		"":       `"" is not a quarter`,
	}
	for entry, want := range bad {
		m, _ := newModel(t, d, 80, 24)
		m = send(m, keyMsg("/"))
		m = send(m, typeKeys(entry)...)
		m = send(m, enter)
		view := m.View()
		if !m.prompting || m.sh.cursor != data.NewQuarter(2025, 3) || !strings.Contains(view, want) || !strings.Contains(view, "jump to: "+entry+"_") {
			t.Errorf("/%s: cursor %v, prompt open %v; the view should keep the entry and say %q:\n%s", entry, m.sh.cursor, m.prompting, want, view)
		}
		assertFits(t, view, 80, 24)
	}
	// Typing q types it; backspace edits; esc cancels.
	m, _ := newModel(t, d, 80, 24)
	m = send(m, keyMsg("/"))
	m = send(m, typeKeys("q2023Q2")...)
	m = send(m, tea.KeyMsg{Type: tea.KeyBackspace})
	m = send(m, typeKeys("3")...)
	if string(m.prompt) != "q2023Q3" {
		t.Errorf("prompt holds %q", string(m.prompt))
	}
	m = send(m, tea.KeyMsg{Type: tea.KeyCtrlU})
	m = send(m, typeKeys("2020Q4")...)
	m = send(m, keyMsg("esc"))
	if m.prompting || m.sh.cursor != data.NewQuarter(2025, 3) {
		t.Errorf("esc: prompt open %v, cursor %v", m.prompting, m.sh.cursor)
	}
}

// ] and [ go to the next and previous event or change to the panel's
// figures, and the status says what happened there.
func TestLandmarkJumps(t *testing.T) {
	d := bundled(t)
	m, _ := newModel(t, d, 100, 30)
	m = send(m, keyMsg("2"))
	m.sh.cursor = data.NewQuarter(2022, 1)
	m = send(m, keyMsg("]"))
	if m.sh.cursor != data.NewQuarter(2022, 3) || !strings.Contains(m.View(), "2022Q3: Microsoft's FY2023 segment recast") {
		t.Errorf("] from 2022Q1 on the margin panel: cursor %v\n%s", m.sh.cursor, m.View())
	}
	m = send(m, keyMsg("]"))
	if m.sh.cursor != data.NewQuarter(2022, 4) || !strings.Contains(m.View(), "OpenAI launches ChatGPT") {
		t.Errorf("] again: cursor %v", m.sh.cursor)
	}
	m = send(m, keyMsg("["), keyMsg("["))
	if m.sh.cursor != data.NewQuarter(2021, 1) || !strings.Contains(m.View(), "2021Q1: Alphabet's server lives 3→4 years") {
		t.Errorf("[ [ back: cursor %v", m.sh.cursor)
	}
	m = send(m, keyMsg("end"), keyMsg("]"))
	if m.sh.cursor != d.Last() || !strings.Contains(m.View(), "no event or definition change after 2026Q1") {
		t.Errorf("] at the end: cursor %v", m.sh.cursor)
	}
	// The x axis names the cursor's quarter.
	if lines := strings.Split(m.View(), "\n"); !strings.Contains(strings.Join(lines, "\n"), "2026Q1\n") {
		t.Error("no x label for the cursor's quarter")
	}
}

// t shows the chart as a table, a row per quarter with the cursor's
// marked and in view as the cursor moves; t again shows the chart.
func TestTableView(t *testing.T) {
	d := bundled(t)
	m, _ := newModel(t, d, 80, 24)
	m = send(m, keyMsg("3"), keyMsg("m"), keyMsg("m"), keyMsg("m"), keyMsg("m"), keyMsg("t")) // fcf
	view := m.View()
	ttm, _ := d.FreeCashFlowTTM("amazon", data.Capex, data.NewQuarter(2025, 3))
	if !strings.Contains(view, "▶ 2025Q3    "+data.FormatUSD(ttm, true)) || strings.Contains(view, "└") {
		t.Fatalf("t: no table with 2025Q3 marked:\n%s", view)
	}
	for _, want := range []string{"● Amazon  ■ Microsoft  ▲ Alphabet", "  2025Q2 ", "  2026Q1 "} {
		if !strings.Contains(view, want) {
			t.Errorf("table lacks %q:\n%s", want, view)
		}
	}
	m = send(m, keyMsg("home"))
	if view := m.View(); !strings.Contains(view, "▶ 2019Q1") {
		t.Errorf("the table does not scroll with the cursor:\n%s", view)
	}
	assertFits(t, m.View(), 80, 24)
	if m = send(m, keyMsg("t")); !strings.Contains(m.View(), "└") {
		t.Errorf("t again: no chart:\n%s", m.View())
	}
}

// space marks a quarter; moving away, the readout sets it beside the
// cursor's, a line per provider naming both; space again clears.
func TestCompare(t *testing.T) {
	d := bundled(t)
	m, _ := newModel(t, d, 80, 24)
	m = send(m, keyMsg(" "))
	if !strings.Contains(m.View(), "2025Q3 marked") {
		t.Errorf("space does not say the quarter is marked:\n%s", m.View())
	}
	m = send(m, keyMsg("l"), keyMsg("l"))
	view := m.View()
	then, _ := d.Value("amazon", data.Capex, data.NewQuarter(2025, 3))
	now, _ := d.Value("amazon", data.Capex, data.NewQuarter(2026, 1))
	want := "● Amazon 2025Q3 → 2026Q1 " + data.FormatUSD(then, true) + " " + data.FormatUSD(now, true) + " " +
		data.USD.FormatBetween(float64(then), float64(now))
	flat := strings.Join(strings.Fields(view), " ")
	if !strings.Contains(flat, want) || !strings.Contains(flat, "■ Microsoft 2025Q3 → 2026Q1") || !strings.Contains(view, string(compareGlyph)) {
		t.Errorf("compare lacks %q:\n%s", want, view)
	}
	m = send(m, keyMsg(" "))
	if view := m.View(); strings.Contains(view, "→ 2026Q1") || !m.sh.compare.IsZero() {
		t.Errorf("space again leaves the comparison:\n%s", view)
	}
}

// y copies the command line of the view and shows it in the status line.
func TestCopyCommandLine(t *testing.T) {
	d := bundled(t)
	m, copied := newModel(t, d, 100, 30)
	m = send(m, keys("3", "m", "m", "m", "m", "left", "left", "left", "p", "2")...)
	_, cmd := m.Update(keyMsg("y"))
	next, _ := m.Update(keyMsg("y"))
	m = next.(Model)
	if cmd == nil {
		t.Fatal("y must return the copy command")
	}
	cmd()
	want := "aicapex --panel escalation --chart fcf --quarter 2024Q4 --providers amazon,alphabet"
	if *copied != want || !strings.Contains(m.View(), "copied: "+want) {
		t.Errorf("copied %q, want %q\n%s", *copied, want, m.View())
	}
	m = send(m, keys(" ", "left", "t", "L", "b")...)
	if got, want := m.options().CommandLine(), "aicapex --panel escalation --chart fcf --quarter 2024Q3 --compare 2024Q4 --table --basis leases --providers amazon,alphabet --glyphs lines"; got != want {
		t.Errorf("command line %q, want %q", got, want)
	}
}
