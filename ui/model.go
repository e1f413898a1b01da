// Package ui is the aicapex dashboard: a Bubble Tea program with one panel
// per view of the data, a quarter cursor they share, and a readout of the
// exact figures under it. It asks package data for every number.
package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aicapex/aicapex/data"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	zone "github.com/lrstanley/bubblezone"
)

// chrome is the rows around the panel: the tabs, the status line, the help
// line.
const chrome = 3

// overlay is a full-panel view shown over the active panel.
type overlay int

const (
	noOverlay overlay = iota
	helpOverlay
	sourcesOverlay
	summaryOverlay
)

// Model is the root of the dashboard. Its panels and their shared context
// are pointers, so the copies Bubble Tea makes of the model share them.
type Model struct {
	sh            *shared
	out           clipboard
	keys          keyMap
	help          help.Model
	width, height int
	panels        []panel
	active        int
	overlay       overlay
	pager         viewport.Model // scrolls the overlay
	picking       bool           // p was pressed: the next digit toggles a provider
	status        string         // a transient message: a copy, a refused toggle
	helpLine      string         // the short help, redrawn when the keys or the width change
	opts          Options        // as started: the theme and colour a copied command line keeps
	// The jump prompt, open after /: what is typed, and why the last entry
	// could not be jumped to. A string is all it needs (bubbles' textinput
	// would bring a clipboard package for pasting twelve characters).
	prompting bool
	prompt    []rune
	promptErr string
}

// clipboard copies text to the user's clipboard, over SSH too (OSC 52).
type clipboard interface{ Copy(string) }

// New builds the dashboard on d with view o, drawn in theme th; out takes
// the citations the sources key copies.
func New(d *data.Dataset, o Options, th Theme, out clipboard) Model {
	sh := newShared(d, th, o)
	h := help.New()
	h.Styles.ShortKey, h.Styles.FullKey = th.HelpKey, th.HelpKey
	h.Styles.ShortDesc, h.Styles.FullDesc = th.HelpDesc, th.HelpDesc
	h.Styles.ShortSeparator, h.Styles.FullSeparator = th.Muted, th.Muted
	h.Styles.Ellipsis = th.Muted
	m := Model{sh: sh, out: out, keys: newKeyMap(len(panelKinds)), help: h, panels: newPanels(sh),
		active: max(0, panelIndex(o.Panel)), pager: viewport.New(0, 0), opts: o}
	if o.Chart != "" {
		m.panels[m.active].SetChart(o.Chart)
	}
	m.setMouse(o.Mouse)
	m.updateKeys()
	return m
}

// Init turns the mouse on when asked for on the command line.
func (m Model) Init() tea.Cmd {
	if m.sh.mouse {
		return tea.EnableMouseAllMotion
	}
	return nil
}

// Close releases what the model holds beyond its own memory (the mouse
// zone manager's goroutine). Call it on the final model when the program ends.
func (m Model) Close() {
	if m.sh.zones != nil {
		m.sh.zones.Close()
	}
}

// setMouse turns mouse handling on or off. The program has one zone
// manager, made the first time, never bubblezone's global one, which SSH
// sessions would share; every chart marks itself in it.
func (m *Model) setMouse(on bool) {
	if on && m.sh.zones == nil {
		m.sh.zones = zone.New()
	}
	m.sh.mouse = on
}

// updateKeys disables what cannot be done now, so help never offers it.
func (m *Model) updateKeys() {
	d := m.sh.d
	hasLeases := slices.ContainsFunc(d.ProviderIDs(), func(id string) bool { return d.Reports(id, data.CapexInclFinanceLeases) })
	m.keys.Basis.SetEnabled(hasLeases)
	m.keys.Left.SetEnabled(d.First().Before(m.sh.cursor))
	m.keys.Right.SetEnabled(m.sh.cursor.Before(d.Last()))
	m.keys.Chart.SetEnabled(len(m.panels[m.active].Charts()) > 1)
	m.keys.Providers.SetEnabled(len(m.sh.visible) > 1)
	m.keys.Close.SetEnabled(m.overlay != noOverlay || m.prompting)
	m.helpLine = m.shortHelp()
}

// minSize is the least terminal the dashboard is drawn in: a panel's least
// box and the chrome around it.
func (m Model) minSize() (w, h int) {
	w, h = minBox(m.sh.shown())
	return w, h + chrome
}

// setSize divides the screen: tabs on top, status and help below, the
// panel (or the overlay over it) in between.
func (m *Model) setSize(w, h int) {
	w, h = clampSize(w, h)
	m.width, m.height = w, h
	ph := max(0, h-chrome)
	for _, p := range m.panels {
		p.SetSize(w, ph)
	}
	m.pager.Width, m.pager.Height = w, ph
	m.fillOverlay()
	m.helpLine = m.shortHelp()
}

// openOverlay shows help, the sources or the summary over the panel,
// scrollable.
func (m *Model) openOverlay(o overlay) {
	m.overlay = o
	m.updateKeys()
	m.fillOverlay()
	m.pager.GotoTop()
}

// fillOverlay writes the overlay's text at the width there is.
func (m *Model) fillOverlay() {
	w := max(1, m.width)
	switch m.overlay {
	case helpOverlay:
		m.pager.SetContent(m.helpText(w))
	case sourcesOverlay:
		m.pager.SetContent(m.sourcesText(w))
	case summaryOverlay:
		m.pager.SetContent(m.summaryText(w))
	}
}

// Update routes messages: size first, then global keys, then the overlay.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.setSize(msg.Width, msg.Height)
		return m, nil
	case tea.MouseMsg:
		return m.mouseEvent(msg)
	case tea.KeyMsg:
		return forEachKey(m, msg, Model.keyEvent)
	}
	return m, nil
}

func (m Model) keyEvent(msg tea.KeyMsg) (Model, tea.Cmd) {
	if m.prompting {
		return m.promptKey(msg)
	}
	if m.picking {
		m.picking = false
		m.status = ""
		if n := int(msg.String()[0] - '1'); len(msg.String()) == 1 && n >= 0 && n < len(m.sh.visible) {
			m.toggleProvider(n)
		}
		return m, nil
	}
	m.status = ""
	if m.overlay != noOverlay && !key.Matches(msg, m.keys.Quit, m.keys.Close, m.keys.Help) {
		var cmd tea.Cmd
		m.pager, cmd = m.pager.Update(msg)
		return m, cmd
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m, tea.Quit
	case key.Matches(msg, m.keys.Help):
		if m.overlay == helpOverlay {
			m.overlay = noOverlay
		} else {
			m.openOverlay(helpOverlay)
		}
	case key.Matches(msg, m.keys.Close):
		m.overlay = noOverlay
	case key.Matches(msg, m.keys.Next):
		m.active = (m.active + 1) % len(m.panels)
	case key.Matches(msg, m.keys.Prev):
		m.active = (m.active + len(m.panels) - 1) % len(m.panels)
	case key.Matches(msg, m.keys.Panel):
		m.active = int(msg.Runes[0] - '1')
	case key.Matches(msg, m.keys.Left):
		m.moveCursor(m.sh.cursor.Prev())
	case key.Matches(msg, m.keys.Right):
		m.moveCursor(m.sh.cursor.Next())
	case key.Matches(msg, m.keys.Home):
		m.moveCursor(m.sh.d.First())
	case key.Matches(msg, m.keys.End):
		m.moveCursor(m.sh.d.Last())
	case key.Matches(msg, m.keys.Jump):
		m.prompting, m.prompt, m.promptErr = true, nil, ""
	case key.Matches(msg, m.keys.NextMark):
		m.jumpToLandmark(1)
	case key.Matches(msg, m.keys.PrevMark):
		m.jumpToLandmark(-1)
	case key.Matches(msg, m.keys.Table):
		m.sh.table = !m.sh.table
	case key.Matches(msg, m.keys.Compare):
		if m.sh.compare.IsZero() {
			m.sh.compare = m.sh.cursor
			m.status = fmt.Sprintf("%s marked: move the cursor to compare; space clears", m.sh.cursor)
		} else {
			m.sh.compare = data.Quarter{}
		}
	case key.Matches(msg, m.keys.Copy):
		line := m.options().CommandLine()
		m.status = "copied: " + line
		out := m.out
		return m, func() tea.Msg { out.Copy(line); return nil }
	case key.Matches(msg, m.keys.Chart):
		p := m.panels[m.active]
		charts := p.Charts()
		p.SetChart(charts[(slices.Index(charts, p.Chart())+1)%len(charts)])
	case key.Matches(msg, m.keys.Basis):
		if m.sh.basis == data.Capex {
			m.sh.basis = data.CapexInclFinanceLeases
		} else {
			m.sh.basis = data.Capex
		}
	case key.Matches(msg, m.keys.Glyphs):
		m.sh.braille = !m.sh.braille
	case key.Matches(msg, m.keys.Providers):
		m.picking = true
		m.status = fmt.Sprintf("show/hide which provider? 1-%d", len(m.sh.visible))
	case key.Matches(msg, m.keys.Sources):
		m.openOverlay(sourcesOverlay)
		citation := m.citation()
		m.status = "citation copied to clipboard (OSC 52)"
		out := m.out
		return m, func() tea.Msg { out.Copy(citation); return nil }
	case key.Matches(msg, m.keys.Summary):
		m.openOverlay(summaryOverlay)
	case key.Matches(msg, m.keys.Mouse):
		m.setMouse(!m.sh.mouse)
		if m.sh.mouse {
			m.status = "mouse on: click a tab, point at a quarter (M turns it off)"
			return m, tea.EnableMouseAllMotion
		}
		return m, tea.DisableMouse
	}
	m.updateKeys()
	return m, nil
}

// promptLimit is the longest entry the jump prompt takes: FY2024Q2 and
// latest are shorter.
const promptLimit = 12

// promptKey is a key typed into the jump prompt: enter jumps, or says in
// the prompt why it cannot; esc cancels; backspace and ctrl+u edit, and
// other keys type.
func (m Model) promptKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	m.promptErr = ""
	switch {
	case msg.Type == tea.KeyCtrlC:
		return m, tea.Quit
	case key.Matches(msg, m.keys.Close):
		m.prompting = false
	case key.Matches(msg, m.keys.Enter):
		q, err := m.sh.d.QuarterNamed(string(m.prompt))
		if err != nil {
			m.promptErr = err.Error()
			return m, nil
		}
		m.prompting = false
		m.moveCursor(q)
		m.status = "cursor at " + q.String()
	case msg.Type == tea.KeyBackspace:
		if len(m.prompt) > 0 {
			m.prompt = m.prompt[:len(m.prompt)-1]
		}
	case msg.Type == tea.KeyCtrlU:
		m.prompt = nil
	case msg.Type == tea.KeyRunes || msg.Type == tea.KeySpace:
		for _, r := range msg.Runes {
			if len(m.prompt) < promptLimit && r >= ' ' {
				m.prompt = append(slices.Clip(m.prompt), r)
			}
		}
	}
	m.updateKeys()
	return m, nil
}

// jumpToLandmark moves the cursor to the next (dir 1) or previous (-1)
// quarter with an event or a change to the active panel's figures, and
// says what happened there.
func (m *Model) jumpToLandmark(dir int) {
	marks := m.sh.landmarks(m.current().Metrics())
	var to data.Quarter
	for _, l := range marks {
		if d := l.q.Index() - m.sh.cursor.Index(); d*dir > 0 && (to.IsZero() || l.q.Index()*dir < to.Index()*dir) {
			to = l.q
		}
	}
	if to.IsZero() {
		m.status = "no event or definition change " + map[int]string{1: "after ", -1: "before "}[dir] + m.sh.cursor.String()
		return
	}
	var what []string
	for _, l := range marks {
		if l.q == to && !slices.Contains(what, l.what) {
			what = append(what, l.what)
		}
	}
	m.moveCursor(to)
	m.status = to.String() + ": " + strings.Join(what, "; ")
}

// options is the view showing, as a command line would ask for it.
func (m Model) options() Options {
	o := Options{Panel: panelKinds[m.active].name, Chart: m.current().Chart(), Quarter: m.sh.cursor,
		Compare: m.sh.compare, Table: m.sh.table, Basis: m.sh.basis, Mouse: m.sh.mouse,
		Theme: m.opts.Theme, Color: m.opts.Color, Glyphs: "braille"}
	if !m.sh.braille {
		o.Glyphs = "lines"
	}
	if m.sh.shown() < len(m.sh.visible) {
		o.Providers = m.visibleIDs()
	}
	return o
}

func (m *Model) moveCursor(q data.Quarter) {
	if q.Before(m.sh.d.First()) || m.sh.d.Last().Before(q) {
		return
	}
	m.sh.cursor = q
}

func (m *Model) toggleProvider(i int) {
	if m.sh.visible[i] && m.sh.shown() == 1 {
		m.status = "at least one provider stays shown"
		return
	}
	m.sh.visible = slices.Clone(m.sh.visible)
	m.sh.visible[i] = !m.sh.visible[i]
}

func tabZone(i int) string     { return fmt.Sprintf("tab%d", i) }
func chartZone(i int) string   { return "chart-" + panelKinds[i].name }
func (m Model) current() panel { return m.panels[m.active] }

// mouseEvent: a click on a tab switches panel; over the chart the cursor
// follows the pointer.
func (m Model) mouseEvent(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	if !m.sh.mouse {
		return m, nil
	}
	z := m.sh.zones
	if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft {
		for i := range m.panels {
			if z.Get(tabZone(i)).InBounds(msg) {
				m.active = i
				m.updateKeys()
				return m, nil
			}
		}
	}
	if m.overlay == noOverlay {
		if chart := z.Get(chartZone(m.active)); chart.InBounds(msg) {
			col, _ := chart.Pos(msg)
			if q, ok := m.current().QuarterAt(col); ok {
				m.moveCursor(q)
				m.updateKeys()
			}
		}
	}
	return m, nil
}

func (m Model) tab(i int) string {
	label := fmt.Sprintf("%d %s", i+1, panelKinds[i].title)
	st := m.sh.th.Tab
	if i == m.active {
		st = m.sh.th.TabActive
	}
	if m.sh.mouse {
		return m.sh.zones.Mark(tabZone(i), st.Render(label))
	}
	return st.Render(label)
}

// shortHelp is the help line: the most wanted keys, as many as fit.
func (m Model) shortHelp() string {
	sep := lipgloss.Width(m.help.ShortSeparator)
	var shown []key.Binding
	used := -sep
	for _, b := range m.keys.ShortHelp() {
		if !b.Enabled() {
			continue
		}
		w := sep + lipgloss.Width(m.help.ShortHelpView([]key.Binding{b}))
		if used+w > m.width {
			break
		}
		shown, used = append(shown, b), used+w
	}
	return m.help.ShortHelpView(shown)
}

// tooSmall says, in the room there is, the size what needs and the size
// the terminal has.
func tooSmall(what string, minW, minH, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	msg := fmt.Sprintf("%s needs %dx%d; this terminal is %dx%d", what, minW, minH, w, h)
	return fit(strings.Join(wrap(msg, w), "\n"), w, h)
}

// View joins the tabs, the active panel, the status line and help.
func (m Model) View() string {
	if minW, minH := m.minSize(); m.width < minW || m.height < minH {
		return tooSmall("aicapex", minW, minH, m.width, m.height)
	}
	var tabs []string
	for i := range m.panels {
		tabs = append(tabs, m.tab(i))
	}
	header := lipgloss.JoinHorizontal(lipgloss.Top, tabs...)
	title := m.sh.th.Muted.Render("aicapex")
	header = fit(header+strings.Repeat(" ", max(1, m.width-lipgloss.Width(header)-lipgloss.Width(title)))+title, m.width, 1)

	ph := m.height - chrome
	var body string
	if m.overlay != noOverlay {
		body = fit(m.pager.View(), m.width, ph)
	} else {
		// A panel's view is exactly its box already; measuring its lines
		// again would cost more than drawing them.
		body = m.current().View()
	}
	help := m.helpLine
	if m.prompting {
		// The line under the prompt says what it takes, or why not.
		help = m.sh.th.Muted.Render(truncate("write "+m.sh.d.QuarterForms(), m.width))
		if m.promptErr != "" {
			help = m.sh.th.Warn.Render(truncate(m.promptErr, m.width))
		}
	}
	view := strings.Join([]string{header, body, fit(m.statusLine(), m.width, 1), fit(help, m.width, 1)}, "\n")
	if m.sh.mouse {
		// Record where the tabs and the chart are, and strip the markers.
		view = m.sh.zones.Scan(view)
	}
	return view
}

func (m Model) statusLine() string {
	if m.prompting {
		th := m.sh.th
		return th.HelpKey.Render("jump to: ") + th.Title.Render(string(m.prompt)) + th.Cursor.Render("_") +
			"  " + th.Muted.Render("enter jumps, esc cancels")
	}
	if m.status != "" {
		return m.sh.th.Warn.Render(m.status)
	}
	hidden := ""
	for i, v := range m.sh.visible {
		if !v {
			hidden += " · hidden: " + m.sh.d.Providers()[i].Name
		}
	}
	return m.sh.th.Status.Render(fmt.Sprintf("%s · %d figures · cursor %s%s",
		m.sh.d.Status(), m.sh.d.Count(), m.sh.cursor, hidden))
}

func (m Model) visibleIDs() []string {
	var ids []string
	for i, p := range m.sh.d.Providers() {
		if m.sh.visible[i] {
			ids = append(ids, p.ID)
		}
	}
	return ids
}

// sources are the figures behind the active panel at the cursor.
func (m Model) sources() []data.Figure {
	return m.sh.d.Sources(m.sh.cursor, m.visibleIDs(), m.current().Metrics())
}

// helpText lays the keys out in as many columns as fit the width, in the
// fewest rows, then names the active panel's charts.
func (m Model) helpText(width int) string {
	th := m.sh.th
	groups := m.keys.FullHelp()
	best, bestRows := "", 0
	for _, cols := range partitions(groups) {
		view := m.help.FullHelpView(cols)
		if lipgloss.Width(view) > width {
			continue
		}
		if rows := lipgloss.Height(view); best == "" || rows < bestRows {
			best, bestRows = view, rows
		}
	}
	if best == "" {
		best = m.help.FullHelpView([][]key.Binding{slices.Concat(groups...)})
	}
	charts := strings.Join(m.current().Charts(), ", ")
	lines := []string{th.Title.Render(truncate("Keys (esc closes)", width)), "", best, ""}
	for _, l := range wrap(fmt.Sprintf("Charts of this panel, for m and --chart: %s.", charts), width) {
		lines = append(lines, th.Muted.Render(l))
	}
	return strings.Join(lines, "\n")
}

// partitions splits groups, in order, into every run of columns.
func partitions(groups [][]key.Binding) [][][]key.Binding {
	if len(groups) <= 1 {
		return [][][]key.Binding{groups}
	}
	var out [][][]key.Binding
	for _, rest := range partitions(groups[1:]) {
		// The first group as a column of its own, or on top of the next.
		out = append(out, append([][]key.Binding{groups[0]}, rest...))
		merged := slices.Clone(rest)
		merged[0] = slices.Concat(groups[0], rest[0])
		out = append(out, merged)
	}
	return out
}

// sourcesText lists the figures behind the active panel at the cursor,
// each with its filing, line item and link, then the notes on them.
func (m Model) sourcesText(width int) string {
	th := m.sh.th
	var lines []string
	para := func(text string, style lipgloss.Style, indent string) {
		for _, l := range wrap(text, width-len(indent)) {
			lines = append(lines, style.Render(indent+l))
		}
	}
	para(fmt.Sprintf("Sources for %s (esc closes, ↑/↓ scroll; a citation was copied)", m.sh.cursor), th.Title, "")
	lines = append(lines, "")
	for _, f := range m.sources() {
		p, _ := m.sh.d.Provider(f.Provider)
		para(fmt.Sprintf("%s %s %s: %s (%s, %s)", p.Name, f.FiscalLabel, metricName(p, f.Metric),
			data.FormatUSD(f.Value, !f.Missing), orDefault(f.Source.Kind, "source"), basisWords(f.Basis)), lipgloss.Style{}, "")
		if f.Missing {
			para("not in any filing or release found yet", th.Muted, "  ")
			continue
		}
		if f.Source.LineItem != "" {
			para("line item: "+f.Source.LineItem, th.Muted, "  ")
		}
		if url := f.Source.URL; url != "" {
			for _, piece := range breakWord(url, width-2) {
				lines = append(lines, "  "+th.link(url, th.Muted.Render(piece)))
			}
		}
		if f.Source.Note != "" {
			para("note: "+f.Source.Note, th.Muted, "  ")
		}
	}
	for _, n := range m.current().Notes(m.sh.cursor) {
		for i, l := range wrap(n, width-2) {
			if i == 0 {
				lines = append(lines, th.Warn.Render("! ")+l)
			} else {
				lines = append(lines, "  "+l)
			}
		}
	}
	return strings.Join(lines, "\n")
}

// citation is the plain text copied to the clipboard with the sources.
func (m Model) citation() string {
	var b strings.Builder
	for _, f := range m.sources() {
		p, _ := m.sh.d.Provider(f.Provider)
		fmt.Fprintf(&b, "%s %s (%s) %s: %s. %s\n", p.Name, f.Quarter, f.FiscalLabel, metricName(p, f.Metric), data.FormatUSD(f.Value, !f.Missing), f.Source.URL)
	}
	return b.String()
}

func (m Model) summaryText(width int) string {
	th := m.sh.th
	lines := []string{th.Title.Render(truncate("Summary (esc closes)", width)), ""}
	for _, l := range wrap(strings.Join(m.current().Summary(m.sh.cursor), " "), width) {
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
