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
	"github.com/charmbracelet/x/ansi"
)

// Minimum terminal size at which every panel stays readable.
const (
	minWidth  = 60
	minHeight = 18
)

// overlay is a full-panel view shown over the active panel.
type overlay int

const (
	noOverlay overlay = iota
	sourcesOverlay
	summaryOverlay
)

// Model is the root of the dashboard.
type Model struct {
	sh            shared
	out           clipboard
	keys          keyMap
	help          help.Model
	width, height int
	active        PanelID
	capex         capexPanel
	margin        marginPanel
	race          escalationPanel
	overlay       overlay
	pager         viewport.Model // scrolls the overlay
	picking       bool           // p was pressed: the next digit toggles a provider
	zones         *panelZones    // non-nil while the mouse is on
	status        string         // a transient message: a copy, a refused toggle
}

// clipboard copies text to the user's clipboard, over SSH too (OSC 52).
type clipboard interface{ Copy(string) }

// New builds the dashboard on d with view o, drawn in theme th; out takes
// the citations the sources key copies.
func New(d *data.Dataset, o Options, th Theme, out clipboard) Model {
	visible := make([]bool, len(d.Providers()))
	for i, p := range d.Providers() {
		visible[i] = len(o.Providers) == 0 || slices.Contains(o.Providers, p.ID)
	}
	cursor := o.Quarter
	if cursor.IsZero() {
		// Open where every provider has reported, not on a half-empty quarter.
		cursor = d.Last()
		if q, ok := d.LatestWith(data.Capex); ok {
			cursor = q
		}
	}
	sh := shared{d: d, th: th, cursor: cursor, basis: o.Basis, visible: visible, braille: o.Glyphs != "lines"}
	keys := newKeyMap()
	h := help.New()
	h.Styles.ShortKey, h.Styles.FullKey = th.HelpKey, th.HelpKey
	h.Styles.ShortDesc, h.Styles.FullDesc = th.HelpDesc, th.HelpDesc
	h.Styles.ShortSeparator, h.Styles.FullSeparator = th.Muted, th.Muted
	h.Styles.Ellipsis = th.Muted
	m := Model{sh: sh, out: out, keys: keys, help: h, active: o.Panel, pager: viewport.New(0, 0),
		capex: newCapexPanel(sh, keys, o.Mode), margin: newMarginPanel(sh, keys), race: newEscalationPanel(sh, keys)}
	if o.Mouse {
		m.setMouse(true)
	}
	m.updateKeys()
	return m
}

// Init turns the mouse on when asked for on the command line.
func (m Model) Init() tea.Cmd {
	if m.zones != nil {
		return tea.EnableMouseAllMotion
	}
	return nil
}

// Close releases what the model holds beyond its own memory (the mouse
// zone managers' goroutines). Call it on the final model when the program ends.
func (m Model) Close() {
	if m.zones != nil {
		m.zones.close()
	}
}

// setMouse turns mouse handling on or off. Each chart gets a zone manager
// of its own, never bubblezone's global one, which SSH sessions would share.
func (m *Model) setMouse(on bool) {
	if on == (m.zones != nil) {
		return
	}
	if on {
		m.zones = newPanelZones()
	} else {
		m.zones.close()
		m.zones = nil
	}
	m.capex.zones, m.margin.zones, m.race.zones = m.zones.get(CapexPanel), m.zones.get(MarginPanel), m.zones.get(EscalationPanel)
}

// updateKeys disables what cannot be done now, so help never offers it.
func (m *Model) updateKeys() {
	hasLeases := false
	for _, id := range m.sh.d.ProviderIDs() {
		hasLeases = hasLeases || m.sh.d.Reports(id, data.CapexInclFinanceLeases)
	}
	m.keys.Basis.SetEnabled(hasLeases)
	m.keys.Left.SetEnabled(m.sh.d.First().Before(m.sh.cursor))
	m.keys.Right.SetEnabled(m.sh.cursor.Before(m.sh.d.Last()))
	m.keys.Close.SetEnabled(m.overlay != noOverlay)
}

// sync hands the shared state to every panel after it changed.
func (m *Model) sync() {
	m.capex.setShared(m.sh)
	m.margin.setShared(m.sh)
	m.race.setShared(m.sh)
	m.updateKeys()
}

// setSize divides the screen: tabs on top, status and help below, the
// panel (or the overlay over it) in between.
func (m *Model) setSize(w, h int) {
	m.width, m.height = w, h
	m.help.Width = w
	ph := max(0, h-2-lipgloss.Height(m.helpView()))
	m.capex.SetSize(w, ph)
	m.margin.SetSize(w, ph)
	m.race.SetSize(w, ph)
	m.pager.Width, m.pager.Height = w, ph
	m.fillOverlay()
}

// openOverlay shows the sources or the summary over the panel, scrollable.
func (m *Model) openOverlay(o overlay) {
	m.overlay = o
	m.fillOverlay()
	m.pager.GotoTop()
	m.updateKeys()
}

// fillOverlay writes the overlay's text, wrapped to the width so that no
// URL is cut off.
func (m *Model) fillOverlay() {
	var text string
	switch m.overlay {
	case sourcesOverlay:
		text = m.sourcesView()
	case summaryOverlay:
		text = m.summaryView()
	default:
		return
	}
	m.pager.SetContent(ansi.Hardwrap(text, max(1, m.width), true))
}

// Update routes messages: size first, then global keys, then the active panel.
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
		m.help.ShowAll = !m.help.ShowAll
		m.setSize(m.width, m.height)
	case key.Matches(msg, m.keys.Close):
		m.overlay = noOverlay
	case key.Matches(msg, m.keys.Next):
		m.active = (m.active + 1) % panelCount
	case key.Matches(msg, m.keys.Prev):
		m.active = (m.active + panelCount - 1) % panelCount
	case key.Matches(msg, m.keys.Panel1):
		m.active = CapexPanel
	case key.Matches(msg, m.keys.Panel2):
		m.active = MarginPanel
	case key.Matches(msg, m.keys.Panel3):
		m.active = EscalationPanel
	case key.Matches(msg, m.keys.Left):
		m.moveCursor(m.sh.cursor.Prev())
	case key.Matches(msg, m.keys.Right):
		m.moveCursor(m.sh.cursor.Next())
	case key.Matches(msg, m.keys.Home):
		m.moveCursor(m.sh.d.First())
	case key.Matches(msg, m.keys.End):
		m.moveCursor(m.sh.d.Last())
	case key.Matches(msg, m.keys.Basis):
		if m.sh.basis == data.Capex {
			m.sh.basis = data.CapexInclFinanceLeases
		} else {
			m.sh.basis = data.Capex
		}
		m.sync()
	case key.Matches(msg, m.keys.Glyphs):
		m.sh.braille = !m.sh.braille
		m.sync()
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
		m.setMouse(m.zones == nil)
		if m.zones != nil {
			m.status = "mouse on: click a tab, point at a quarter (M turns it off)"
			return m, tea.EnableMouseAllMotion
		}
		return m, tea.DisableMouse
	default:
		return m.routeToPanel(msg)
	}
	return m, nil
}

func (m Model) routeToPanel(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.active {
	case CapexPanel:
		m.capex, cmd = m.capex.Update(msg)
	case MarginPanel:
		m.margin, cmd = m.margin.Update(msg)
	case EscalationPanel:
		m.race, cmd = m.race.Update(msg)
	}
	return m, cmd
}

func (m *Model) moveCursor(q data.Quarter) {
	if q.Before(m.sh.d.First()) || m.sh.d.Last().Before(q) || q == m.sh.cursor {
		return
	}
	m.sh.cursor = q
	m.sync()
}

func (m *Model) toggleProvider(i int) {
	shown := 0
	for _, v := range m.sh.visible {
		if v {
			shown++
		}
	}
	if m.sh.visible[i] && shown == 1 {
		m.status = "at least one provider stays shown"
		return
	}
	m.sh.visible = append([]bool(nil), m.sh.visible...)
	m.sh.visible[i] = !m.sh.visible[i]
	m.sync()
}

// mouseEvent: a click on a tab switches panel; over the chart the cursor
// follows the pointer.
func (m Model) mouseEvent(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	if m.zones == nil {
		return m, nil
	}
	z := m.zones.get(m.active)
	if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft {
		for i := PanelID(0); i < panelCount; i++ {
			if z.Get(tabZone(i)).InBounds(msg) {
				m.active = i
				return m, nil
			}
		}
	}
	if chart := z.Get(chartZone); chart.InBounds(msg) {
		col, _ := chart.Pos(msg)
		var q data.Quarter
		var ok bool
		switch m.active {
		case CapexPanel:
			q, ok = m.capex.quarterAt(col)
		case MarginPanel:
			q, ok = m.margin.sh.quarterAt(m.margin.cache, col)
		default:
			q, ok = m.race.sh.quarterAt(m.race.cache, col)
		}
		if ok {
			m.moveCursor(q)
		}
	}
	return m, nil
}

var tabTitles = [...]string{"CapEx", "Cloud margin", "Escalation"}

func (m Model) tab(i PanelID) string {
	label := fmt.Sprintf("%d %s", i+1, tabTitles[i])
	st := m.sh.th.Tab
	if i == m.active {
		st = m.sh.th.TabActive
	}
	if m.zones != nil {
		return m.zones.get(m.active).Mark(tabZone(i), st.Render(label))
	}
	return st.Render(label)
}

func (m Model) helpView() string { return m.help.View(m.keys) }

// tooSmall says, in the room there is, the size what needs and the size
// the terminal has.
func tooSmall(what string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	msg := fmt.Sprintf("%s needs %dx%d; this terminal is %dx%d", what, minWidth, minHeight, w, h)
	return fit(ansi.Wrap(msg, w, " "), w, h)
}

// View joins the tabs, the active panel, the status line and help.
func (m Model) View() string {
	if m.width < minWidth || m.height < minHeight {
		return tooSmall("aicapex", m.width, m.height)
	}
	var tabs []string
	for i := PanelID(0); i < panelCount; i++ {
		tabs = append(tabs, m.tab(i))
	}
	header := lipgloss.JoinHorizontal(lipgloss.Top, tabs...)
	title := m.sh.th.Muted.Render("aicapex")
	header = fit(header+strings.Repeat(" ", max(1, m.width-lipgloss.Width(header)-lipgloss.Width(title)))+title, m.width, 1)

	helpView := m.helpView()
	ph := max(0, m.height-2-lipgloss.Height(helpView))
	var body string
	switch {
	case m.overlay != noOverlay:
		body = m.pager.View()
	case m.active == CapexPanel:
		body = m.capex.View()
	case m.active == MarginPanel:
		body = m.margin.View()
	default:
		body = m.race.View()
	}
	if m.overlay == noOverlay && ph > 0 {
		// A panel's view is exactly its box already; measuring its lines
		// again would cost more than drawing them.
		body = strings.TrimSuffix(body, "\n")
	} else {
		body = fit(body, m.width, ph)
	}
	parts := []string{header, body, fit(m.statusLine(), m.width, 1), fit(helpView, m.width, lipgloss.Height(helpView))}
	if ph == 0 {
		parts = slices.Delete(parts, 1, 2)
	}
	view := strings.Join(parts, "\n")
	if m.zones != nil {
		// Record where the tabs and the chart are, and strip the markers.
		view = m.zones.get(m.active).Scan(view)
	}
	return view
}

func (m Model) statusLine() string {
	if m.status != "" {
		return m.sh.th.Warn.Render(m.status)
	}
	origin := "bundled data"
	if o := m.sh.d.Origin(); o != "bundled" {
		origin = "--data " + o
	}
	hidden := ""
	for i, v := range m.sh.visible {
		if !v {
			hidden += " · hidden: " + m.sh.d.Providers()[i].Name
		}
	}
	return m.sh.th.Status.Render(fmt.Sprintf("data to %s · %d figures · %s · cursor %s%s",
		m.sh.d.Last(), m.sh.d.Count(), origin, m.sh.cursor, hidden))
}

// sourceMetrics are the figures whose sources the active panel shows.
func (m Model) sourceMetrics() []data.Metric {
	switch m.active {
	case MarginPanel:
		return []data.Metric{data.CloudRevenue, data.CloudOperatingIncome, m.sh.basis}
	case EscalationPanel:
		return []data.Metric{m.sh.basis, data.OperatingCashFlow}
	}
	return []data.Metric{m.sh.basis}
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

func (m Model) sourcesView() string {
	th := m.sh.th
	lines := []string{th.Title.Render(fmt.Sprintf("Sources for %s (esc closes, ↑/↓ scroll; a citation was copied)", m.sh.cursor)), ""}
	for _, f := range m.sh.d.Sources(m.sh.cursor, m.visibleIDs(), m.sourceMetrics()) {
		p, _ := m.sh.d.Provider(f.Provider)
		value := data.FormatUSD(f.Value, !f.Missing)
		lines = append(lines, fmt.Sprintf("%s %s %s = %s (%s, %s basis)", p.Name, f.FiscalLabel, f.Metric, value, orDefault(f.Source.Kind, "source"), f.Basis))
		if f.Source.LineItem != "" {
			lines = append(lines, th.Muted.Render("  line item: "+f.Source.LineItem))
		}
		lines = append(lines, th.Muted.Render("  "+orDefault(f.Source.URL, "no source: the figure is missing")))
		if f.Source.Note != "" {
			lines = append(lines, th.Muted.Render("  note: "+f.Source.Note))
		}
	}
	for _, n := range m.sh.notes(m.sourceMetrics()...) {
		lines = append(lines, th.Warn.Render("! ")+n)
	}
	return strings.Join(lines, "\n")
}

// citation is the plain text copied to the clipboard with the sources.
func (m Model) citation() string {
	var b strings.Builder
	for _, f := range m.sh.d.Sources(m.sh.cursor, m.visibleIDs(), m.sourceMetrics()) {
		p, _ := m.sh.d.Provider(f.Provider)
		fmt.Fprintf(&b, "%s %s (%s) %s: %s. %s\n", p.Name, f.Quarter, f.FiscalLabel, f.Metric, data.FormatUSD(f.Value, !f.Missing), f.Source.URL)
	}
	return b.String()
}

func (m Model) summaryView() string {
	return m.sh.th.Title.Render("Summary (esc to close)") + "\n\n" + Summary(m.sh.d, m.active, m.sh.cursor, m.sh.basis)
}
