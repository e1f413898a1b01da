package ui

import (
	"fmt"
	"io"
	"math/rand"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aicapex/aicapex/data"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	zone "github.com/lrstanley/bubblezone"
	"github.com/muesli/termenv"
)

// asciiTheme renders without colour, so golden files are plain text.
func asciiTheme() Theme {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return NewTheme(r, "dark", "")
}

type recordClipboard struct{ text *string }

func (c recordClipboard) Copy(s string) { *c.text = s }

func bundled(t testing.TB) *data.Dataset {
	t.Helper()
	d, err := data.LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// newModel builds a dashboard sized w x h on the quarter goldens use.
func newModel(t testing.TB, d *data.Dataset, w, h int) (Model, *string) {
	t.Helper()
	o := Options{Quarter: data.NewQuarter(2025, 3)}
	var copied string
	m := New(d, o, asciiTheme(), recordClipboard{&copied})
	return send(m, tea.WindowSizeMsg{Width: w, Height: h}), &copied
}

func send(m Model, msgs ...tea.Msg) Model {
	for _, msg := range msgs {
		next, _ := m.Update(msg)
		m = next.(Model)
	}
	return m
}

func keyMsg(s string) tea.KeyMsg {
	switch s {
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "home":
		return tea.KeyMsg{Type: tea.KeyHome}
	case "end":
		return tea.KeyMsg{Type: tea.KeyEnd}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

func keys(ss ...string) []tea.Msg {
	msgs := make([]tea.Msg, len(ss))
	for i, s := range ss {
		msgs[i] = keyMsg(s)
	}
	return msgs
}

// Golden screens of each panel, of the charts added since, of a chart as
// a table and of two quarters compared, at the smallest comfortable size
// and at a large one. Regenerate with: go test ./ui -update
func TestPanelGolden(t *testing.T) {
	d := bundled(t)
	q := data.NewQuarter(2025, 3)
	views := []struct {
		name string
		o    Options
	}{
		{"capex", Options{Panel: "capex"}},
		{"margin", Options{Panel: "margin"}},
		{"escalation", Options{Panel: "escalation"}},
		{"depreciation", Options{Panel: "margin", Chart: "depreciation"}},
		{"capex_intensity", Options{Panel: "margin", Chart: "capex_intensity"}},
		{"fcf", Options{Panel: "escalation", Chart: "fcf"}},
		{"cash", Options{Panel: "escalation", Chart: "cash", Quarter: data.NewQuarter(2025, 2)}},
		{"fcf_table", Options{Panel: "escalation", Chart: "fcf", Table: true}},
		{"growth_compare", Options{Panel: "escalation", Compare: data.NewQuarter(2024, 3)}},
	}
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		for _, v := range views {
			t.Run(fmt.Sprintf("%s_%dx%d", v.name, size[0], size[1]), func(t *testing.T) {
				if v.o.Quarter.IsZero() {
					v.o.Quarter = q
				}
				m := send(New(d, v.o, asciiTheme(), recordClipboard{new(string)}), tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				view := m.View()
				assertFits(t, view, size[0], size[1])
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}

// assertFits fails when a frame is taller or wider than the terminal.
func assertFits(t testing.TB, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if view == "" {
		return
	}
	if len(lines) > h {
		t.Fatalf("%d lines in a %dx%d terminal", len(lines), w, h)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Fatalf("line %d is %d wide in a %dx%d terminal: %q", i, lw, w, h, l)
		}
	}
}

func TestFourthProviderInEveryPanel(t *testing.T) {
	d, err := data.LoadDir(os.DirFS("../data/testdata/four"), "fixture")
	if err != nil {
		t.Fatal(err)
	}
	m := send(New(d, Options{}, asciiTheme(), recordClipboard{new(string)}), tea.WindowSizeMsg{Width: 100, Height: 30})
	for _, k := range []string{"1", "2", "3"} {
		m = send(m, keyMsg(k))
		if v := m.View(); !strings.Contains(v, "■ Microsoft") || !strings.Contains(v, "◆ Meta") {
			t.Errorf("panel %s does not show every provider:\n%s", k, v)
		}
	}
	if !strings.Contains(m.View(), "--data fixture") {
		t.Error("the status line must say the data came from --data")
	}
}

func TestUpdate(t *testing.T) {
	d := bundled(t)
	q := data.NewQuarter(2025, 3)
	tests := []struct {
		name  string
		keys  []string
		check func(m Model) error
	}{
		{"tab goes to the next panel", []string{"tab"}, func(m Model) error { return want(m.active == 1, "active %v", m.active) }},
		{"shift+tab wraps to the last", []string{"shift+tab"}, func(m Model) error { return want(m.active == 2, "active %v", m.active) }},
		{"number keys pick a panel", []string{"3", "2"}, func(m Model) error { return want(m.active == 1, "active %v", m.active) }},
		{"left and h move back", []string{"left", "h"}, func(m Model) error { return want(m.sh.cursor == q.Add(-2), "cursor %v", m.sh.cursor) }},
		{"home and end", []string{"home"}, func(m Model) error { return want(m.sh.cursor == d.First(), "cursor %v", m.sh.cursor) }},
		{"end goes to the last quarter", []string{"end"}, func(m Model) error { return want(m.sh.cursor == d.Last(), "cursor %v", m.sh.cursor) }},
		{"the cursor stops at the end", []string{"end", "right", "l"}, func(m Model) error { return want(m.sh.cursor == d.Last(), "cursor %v", m.sh.cursor) }},
		{"switching panels keeps the quarter", []string{"left", "tab", "tab"}, func(m Model) error {
			return want(m.sh.cursor == q.Prev() && strings.Contains(m.View(), q.Prev().String()), "cursor %v", m.sh.cursor)
		}},
		{"m cycles the capex charts", []string{"m"}, func(m Model) error {
			return want(strings.Contains(m.View(), "CapEx · trailing twelve months"), "view:\n%s", m.View())
		}},
		{"m twice shows calendar years", []string{"m", "m"}, func(m Model) error { return want(strings.Contains(m.View(), "calendar 2025"), "view:\n%s", m.View()) }},
		{"b switches the capex basis", []string{"b"}, func(m Model) error {
			return want(m.sh.basis == data.CapexInclFinanceLeases && strings.Contains(m.View(), "incl. finance leases"), "basis %v", m.sh.basis)
		}},
		{"p 2 hides Microsoft", []string{"p", "2"}, func(m Model) error {
			return want(!m.sh.visible[1] && !strings.Contains(m.View(), "■ Microsoft") && strings.Contains(m.View(), "hidden: Microsoft"), "view:\n%s", m.View())
		}},
		{"the last provider cannot be hidden", []string{"p", "1", "p", "2", "p", "3"}, func(m Model) error {
			return want(m.sh.visible[2] && strings.Contains(m.View(), "at least one provider"), "visible %v", m.sh.visible)
		}},
		{"p then a non-digit does nothing", []string{"p", "x"}, func(m Model) error { return want(!m.picking && m.sh.visible[0], "picking %v", m.picking) }},
		{"s shows sources", []string{"s"}, func(m Model) error {
			return want(m.overlay == sourcesOverlay && strings.Contains(m.View(), "Sources for 2025Q3") && strings.Contains(m.View(), "https://"), "view:\n%s", m.View())
		}},
		{"esc closes the sources", []string{"s", "esc"}, func(m Model) error { return want(m.overlay == noOverlay, "overlay %v", m.overlay) }},
		{"keys go to the sources, not the cursor", []string{"s", "j", "l"}, func(m Model) error {
			return want(m.overlay == sourcesOverlay && m.sh.cursor == q, "overlay %v, cursor %v", m.overlay, m.sh.cursor)
		}},
		{"keys typed fast arrive as one read and still count", []string{"3m"}, func(m Model) error {
			return want(m.active == 2 && m.current().Chart() == "share", "panel %v, chart %v", m.active, m.current().Chart())
		}},
		{"? shows full help", []string{"?"}, func(m Model) error {
			return want(m.overlay == helpOverlay && strings.Contains(m.View(), "next/prev panel"), "view:\n%s", m.View())
		}},
		{"? again closes help", []string{"?", "?"}, func(m Model) error { return want(m.overlay == noOverlay, "overlay %v", m.overlay) }},
		{"esc closes help", []string{"?", "esc"}, func(m Model) error { return want(m.overlay == noOverlay, "overlay %v", m.overlay) }},
		{"esc closes the summary", []string{"n", "esc"}, func(m Model) error { return want(m.overlay == noOverlay, "overlay %v", m.overlay) }},
		{"L switches to box-drawing lines", []string{"L"}, func(m Model) error { return want(!m.sh.braille, "braille %v", m.sh.braille) }},
		{"n shows the summary", []string{"n"}, func(m Model) error {
			return want(m.overlay == summaryOverlay && strings.Contains(m.View(), "Summary"), "view:\n%s", m.View())
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := newModel(t, d, 100, 30)
			m = send(m, keys(tt.keys...)...)
			if err := tt.check(m); err != nil {
				t.Error(err)
			}
		})
	}
}

// The sources of a quarter run longer than a small screen: they scroll,
// and no line, a URL least of all, is cut off.
func TestSourcesScroll(t *testing.T) {
	m, _ := newModel(t, bundled(t), 60, 18)
	m = send(m, keys("3", "s")...)
	if !strings.Contains(m.View(), "Sources for") {
		t.Fatalf("view:\n%s", m.View())
	}
	m = send(m, keys("j", "j")...)
	if m.pager.YOffset != 2 {
		t.Errorf("offset %d after two j", m.pager.YOffset)
	}
	assertFits(t, m.View(), 60, 18)
	// Scroll through it all: every URL must appear, wrapped but whole.
	var seen strings.Builder
	for range 200 {
		seen.WriteString(m.pager.View())
		m = send(m, keyMsg("j"))
	}
	all := strings.Join(strings.Fields(seen.String()), "")
	for _, f := range m.sources() {
		if !strings.Contains(all, f.Source.URL) {
			t.Errorf("source %s is not shown whole", f.Source.URL)
		}
	}
}

func want(ok bool, format string, args ...any) error {
	if ok {
		return nil
	}
	return fmt.Errorf(format, args...)
}

func TestSourcesCopyCitation(t *testing.T) {
	m, copied := newModel(t, bundled(t), 100, 30)
	_, cmd := m.Update(keyMsg("s"))
	if cmd == nil {
		t.Fatal("s must return the copy command")
	}
	cmd()
	if !strings.Contains(*copied, "Amazon 2025Q3 (FY2025Q3) purchases of property & equipment: $35.1B. https://") {
		t.Errorf("citation = %q", *copied)
	}
}

func TestQuit(t *testing.T) {
	m, _ := newModel(t, bundled(t), 80, 24)
	for _, k := range []string{"q", "ctrl+c"} {
		_, cmd := m.Update(keyMsg(k))
		if cmd == nil {
			t.Fatalf("%s: no command", k)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Errorf("%s does not quit", k)
		}
	}
}

func TestTooSmall(t *testing.T) {
	m, _ := newModel(t, bundled(t), 40, 10)
	if v := strings.Join(strings.Fields(m.View()), " "); !strings.Contains(v, "aicapex needs 60x18; this terminal is 40x10") {
		t.Errorf("view = %q", v)
	}
	m = send(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if v := m.View(); !strings.Contains(v, "Amazon") {
		t.Errorf("did not recover after growing:\n%s", v)
	}
}

// TestMonkey sends random keys, mouse events and resizes, down to 0x0,
// and checks the dashboard never panics and every frame fits.
func TestMonkey(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	m, _ := newModel(t, bundled(t), 80, 24)
	w, h := 80, 24
	pool := []string{"tab", "shift+tab", "1", "2", "3", "left", "right", "home", "end", "h", "l", "g", "G",
		"m", "b", "p", "1", "2", "3", "9", "s", "esc", "n", "?", "L", "M", "x", " ", "enter",
		"/", "]", "[", "t", "y", "0", "Q"}
	for i := 0; i < 10000; i++ {
		var msg tea.Msg
		switch r := rng.Intn(10); {
		case r < 7:
			msg = keyMsg(pool[rng.Intn(len(pool))])
		case r < 9:
			msg = tea.MouseMsg{X: rng.Intn(w + 5), Y: rng.Intn(h + 5), Action: tea.MouseAction(rng.Intn(3)), Button: tea.MouseButtonLeft}
		default:
			sizes := [][2]int{{0, 0}, {1, 1}, {80, 24}, {200, 60}, {59, 17}, {60, 18}, {rng.Intn(250), rng.Intn(80)}}
			s := sizes[rng.Intn(len(sizes))]
			w, h = s[0], s[1]
			msg = tea.WindowSizeMsg{Width: w, Height: h}
		}
		next, _ := m.Update(msg)
		m = next.(Model)
		assertFits(t, m.View(), w, h)
	}
}

// With the mouse on, a click on a tab switches panel and the pointer over
// the chart moves the cursor to the quarter under it.
func TestMouse(t *testing.T) {
	d := bundled(t)
	o := Options{Mouse: true, Quarter: data.NewQuarter(2025, 3)}
	m := send(New(d, o, asciiTheme(), recordClipboard{new(string)}), tea.WindowSizeMsg{Width: 100, Height: 30})
	defer m.Close()
	if m.Init() == nil {
		t.Fatal("--mouse must turn mouse reporting on")
	}
	z := m.sh.zones
	var tab, chart *zone.ZoneInfo
	for start := time.Now(); time.Since(start) < 2*time.Second; time.Sleep(5 * time.Millisecond) {
		_ = m.View() // zones are recorded by a worker after the frame is scanned
		if tab, chart = z.Get(tabZone(1)), z.Get(chartZone(0)); !tab.IsZero() && !chart.IsZero() {
			break
		}
	}
	if tab.IsZero() || chart.IsZero() {
		t.Fatal("zones were never recorded")
	}
	// The first quarter sits one column right of the y axis.
	x, ok := 0, false
	for col := chart.StartX; col < chart.EndX && !ok; col++ {
		if q, found := m.current().QuarterAt(col - chart.StartX); found && q == d.First() {
			x, ok = col, true
		}
	}
	if !ok {
		t.Fatal("no column maps to the first quarter")
	}
	m = send(m, tea.MouseMsg{X: x, Y: chart.StartY + 2, Action: tea.MouseActionMotion})
	if m.sh.cursor != d.First() {
		t.Errorf("pointer at column %d: cursor %v, want %v", x, m.sh.cursor, d.First())
	}
	m = send(m, tea.MouseMsg{X: tab.StartX, Y: tab.StartY, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if m.active != 1 {
		t.Errorf("click on the margin tab: active %v", m.active)
	}
	m = send(m, keyMsg("M"))
	if m.sh.mouse || strings.Contains(m.View(), "\x1b[") {
		t.Error("M turns the mouse off and no zone markers remain")
	}
}

// Rank is among every provider, shown or not: hiding Amazon and Microsoft
// does not make Alphabet first.
func TestRankCountsHiddenProviders(t *testing.T) {
	d := bundled(t)
	q := data.NewQuarter(2026, 1)
	var alphabet, ahead int
	a, _ := d.Value("alphabet", data.Capex, q)
	for _, id := range d.ProviderIDs() {
		if v, ok := d.Value(id, data.Capex, q); ok && v > a {
			ahead++
		}
	}
	alphabet = ahead + 1
	m, _ := newModel(t, d, 100, 30)
	m = send(m, keys("end", "p", "1", "p", "2")...)
	if m.sh.cursor != q || m.sh.visible[0] || m.sh.visible[1] {
		t.Fatalf("cursor %v, visible %v", m.sh.cursor, m.sh.visible)
	}
	want := fmt.Sprintf("#%d", alphabet)
	for _, l := range strings.Split(m.View(), "\n") {
		if strings.Contains(l, "▲ Alphabet") && !strings.Contains(l, want) {
			t.Errorf("Alphabet's row reads %q; it is %s of all three", l, want)
		}
	}
	if alphabet == 1 {
		t.Fatal("the test needs Alphabet behind someone in 2026Q1")
	}
}

// ? shows every key at 80x24 and at the smallest size, and esc closes it.
func TestHelpFitsAndEscCloses(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 18}} {
		m, _ := newModel(t, bundled(t), size[0], size[1])
		m = send(m, keyMsg("?"))
		view := m.View()
		assertFits(t, view, size[0], size[1])
		for _, group := range m.keys.FullHelp() {
			for _, b := range group {
				if !b.Enabled() {
					continue
				}
				pair := regexp.MustCompile(regexp.QuoteMeta(b.Help().Key) + ` +` + regexp.QuoteMeta(b.Help().Desc))
				if !pair.MatchString(view) {
					t.Errorf("%dx%d: help lacks %q %q:\n%s", size[0], size[1], b.Help().Key, b.Help().Desc, view)
				}
			}
		}
		if m = send(m, keyMsg("esc")); m.overlay != noOverlay || strings.Contains(m.View(), "Keys (esc closes)") {
			t.Errorf("%dx%d: esc leaves help open", size[0], size[1])
		}
	}
}

// In colour the sources' URLs are OSC 8 links, whole even where the text
// wraps; without colour they are plain text.
func TestSourcesAreLinks(t *testing.T) {
	d := bundled(t)
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	m := send(New(d, Options{Quarter: data.NewQuarter(2025, 3)}, NewTheme(r, "dark", ""), recordClipboard{new(string)}),
		tea.WindowSizeMsg{Width: 60, Height: 40}, keyMsg("s"))
	view := m.View()
	// The overlay scrolls: check the sources on its first screen, those
	// whose whole URL is on it (wrapped over lines).
	flat := strings.Join(strings.Fields(ansi.Strip(view)), "")
	shown := 0
	for _, f := range m.sources() {
		if f.Source.URL == "" || !strings.Contains(flat, f.Source.URL) {
			continue
		}
		shown++
		if !strings.Contains(view, "\x1b]8;;"+f.Source.URL+"\x1b\\") && !strings.Contains(view, "\x1b]8;;"+f.Source.URL+"\a") {
			t.Errorf("no link to %s", f.Source.URL)
			break
		}
	}
	if shown == 0 {
		t.Fatal("no source URL on the overlay's first screen")
	}
	plain, _ := newModel(t, d, 60, 40)
	if v := send(plain, keyMsg("s")).View(); strings.Contains(v, "\x1b]8;") {
		t.Error("a link without colour")
	}
}
