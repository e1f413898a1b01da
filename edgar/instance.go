package edgar

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Namespaces by URI. Prefixes are the filer's choice and mean nothing;
// taxonomy URIs carry their year, so they are matched up to it.
const (
	instanceNS  = "http://www.xbrl.org/2003/instance"
	dimensionNS = "http://xbrl.org/2006/xbrldi"
	iso4217NS   = "http://www.xbrl.org/2003/iso4217"
	xsiNS       = "http://www.w3.org/2001/XMLSchema-instance"
	usGAAPStem  = "http://fasb.org/us-gaap/"
	deiStem     = "http://xbrl.sec.gov/dei/"
	srtStem     = "http://fasb.org/srt/"
)

// QName is an XML name resolved to its namespace URI.
type QName struct {
	Space, Local string
}

func (n QName) String() string { return "{" + n.Space + "}" + n.Local }

// isUSGAAP reports whether n is in the US GAAP taxonomy, of any year.
func isUSGAAP(n QName) bool { return strings.HasPrefix(n.Space, usGAAPStem) }

func isDEI(n QName) bool { return strings.HasPrefix(n.Space, deiStem) }

func isSRT(n QName) bool { return strings.HasPrefix(n.Space, srtStem) }

// standardStems are the namespaces of published taxonomies; any other
// namespace in a filing is the company's own extension.
var standardStems = []string{"http://fasb.org/", "http://xbrl.sec.gov/", "http://www.xbrl.org/",
	"http://xbrl.org/", "http://www.w3.org/", "http://xbrl.us/"}

// isExtension reports whether n is in the filer's own namespace.
func isExtension(n QName) bool {
	if n.Space == "" {
		return false
	}
	for _, s := range standardStems {
		if strings.HasPrefix(n.Space, s) {
			return false
		}
	}
	return true
}

// Period is a context's period: an instant (Start is zero) or a duration
// from Start to End, both days inclusive as XBRL writes them.
type Period struct {
	Start, End time.Time
}

// Instant reports whether the period is a point in time (a balance sheet).
func (p Period) Instant() bool { return p.Start.IsZero() }

// Days is the length of a duration in days, counting both ends.
func (p Period) Days() int { return int(p.End.Sub(p.Start).Hours()/24) + 1 }

func (p Period) String() string {
	if p.Instant() {
		return p.End.Format(time.DateOnly)
	}
	return p.Start.Format(time.DateOnly) + " to " + p.End.Format(time.DateOnly)
}

// Fact is one numeric fact of an instance, with its context resolved.
type Fact struct {
	Concept  QName
	Period   Period
	Dims     map[QName]QName // explicit dimension members by axis; nil when none
	Typed    bool            // the context also has a typed dimension
	USD      bool            // the unit is iso4217:USD
	Value    float64         // as written (dollars for USD)
	Decimals string
}

// Instance is what aicapex reads from one XBRL instance document.
type Instance struct {
	PeriodEnd    time.Time // dei:DocumentPeriodEndDate
	DocumentType string    // dei:DocumentType: 10-Q, 10-K
	Facts        []Fact
}

type rawContext struct {
	period       Period
	dims         map[QName]QName
	typed        bool
	badPeriodErr error
}

type rawFact struct {
	concept        QName
	context, unit  string
	decimals, text string
	line           int
	nil            bool
}

// ParseInstance reads an XBRL 2.1 instance. Names and QName values are
// resolved through the namespace declarations in scope, never by prefix.
// Every fact whose value is not a number is skipped, except the dei facts
// it needs; a document that is not well-formed XML is an error.
func ParseInstance(r io.Reader) (*Instance, error) {
	dec := xml.NewDecoder(r)
	var (
		scopes   []map[string]string // prefix → URI, one map per open element
		path     []QName
		contexts = map[string]*rawContext{}
		units    = map[string]QName{}
		facts    []rawFact
		text     strings.Builder
		ctx      *rawContext
		unitID   string
		dim      QName
		fact     *rawFact
		sawRoot  bool
	)
	resolve := func(qname string) QName {
		prefix, local, ok := strings.Cut(strings.TrimSpace(qname), ":")
		if !ok {
			prefix, local = "", prefix
		}
		for i := len(scopes) - 1; i >= 0; i-- {
			if uri, found := scopes[i][prefix]; found {
				return QName{uri, local}
			}
		}
		return QName{"", local}
	}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("malformed XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			scope := map[string]string{}
			for _, a := range t.Attr {
				switch {
				case a.Name.Space == "xmlns":
					scope[a.Name.Local] = a.Value
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					scope[""] = a.Value
				}
			}
			scopes = append(scopes, scope)
			name := QName{t.Name.Space, t.Name.Local}
			path = append(path, name)
			text.Reset()
			if len(path) == 1 {
				if name != (QName{instanceNS, "xbrl"}) {
					return nil, fmt.Errorf("not an XBRL instance: the document element is %s", name)
				}
				sawRoot = true
				continue
			}
			if len(path) == 2 {
				switch {
				case name.Space == instanceNS && name.Local == "context":
					ctx = &rawContext{}
					contexts[attr(t, "", "id")] = ctx
				case name.Space == instanceNS && name.Local == "unit":
					unitID = attr(t, "", "id")
				case attr(t, "", "contextRef") != "":
					line, _ := dec.InputPos()
					fact = &rawFact{concept: name, context: attr(t, "", "contextRef"), unit: attr(t, "", "unitRef"),
						decimals: attr(t, "", "decimals"), nil: attr(t, xsiNS, "nil") == "true", line: line}
				}
				continue
			}
			if ctx != nil && name == (QName{dimensionNS, "explicitMember"}) {
				dim = resolve(attr(t, "", "dimension"))
			}
			if ctx != nil && name == (QName{dimensionNS, "typedMember"}) {
				ctx.typed = true
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			name := path[len(path)-1]
			s := strings.TrimSpace(text.String())
			switch {
			case ctx != nil && name.Space == instanceNS:
				switch name.Local {
				case "startDate":
					ctx.period.Start = parseDate(s, &ctx.badPeriodErr)
				case "endDate", "instant":
					ctx.period.End = parseDate(s, &ctx.badPeriodErr)
				case "context":
					ctx = nil
				}
			case ctx != nil && name == (QName{dimensionNS, "explicitMember"}):
				if ctx.dims == nil {
					ctx.dims = map[QName]QName{}
				}
				ctx.dims[dim] = resolve(s)
			case unitID != "" && name == (QName{instanceNS, "measure"}) && len(path) == 3:
				// A measure directly under unit; one inside divide is a ratio.
				units[unitID] = resolve(s)
			case unitID != "" && len(path) == 2:
				unitID = ""
			case fact != nil && len(path) == 2:
				fact.text = s
				facts = append(facts, *fact)
				fact = nil
			}
			text.Reset()
			path = path[:len(path)-1]
			scopes = scopes[:len(scopes)-1]
		}
	}
	if !sawRoot {
		return nil, errors.New("malformed XML: no document element")
	}
	return assemble(contexts, units, facts)
}

func assemble(contexts map[string]*rawContext, units map[string]QName, facts []rawFact) (*Instance, error) {
	inst := &Instance{}
	for _, f := range facts {
		c, ok := contexts[f.context]
		if isDEI(f.concept) {
			switch f.concept.Local {
			case "DocumentPeriodEndDate":
				var err error
				inst.PeriodEnd = parseDate(f.text, &err)
				if err != nil {
					return nil, fmt.Errorf("line %d: dei:DocumentPeriodEndDate: %w", f.line, err)
				}
			case "DocumentType":
				inst.DocumentType = f.text
			}
			continue
		}
		if f.nil || f.unit == "" {
			continue
		}
		if !ok {
			return nil, fmt.Errorf("line %d: %s refers to context %q, which the instance does not define", f.line, f.concept.Local, f.context)
		}
		if c.badPeriodErr != nil {
			return nil, fmt.Errorf("context %q: %w", f.context, c.badPeriodErr)
		}
		v, err := strconv.ParseFloat(f.text, 64)
		if err != nil {
			continue // a numeric fact in some unit aicapex does not read, or text
		}
		inst.Facts = append(inst.Facts, Fact{Concept: f.concept, Period: c.period, Dims: c.dims, Typed: c.typed,
			USD: units[f.unit] == QName{iso4217NS, "USD"}, Value: v, Decimals: f.decimals})
	}
	if inst.PeriodEnd.IsZero() {
		return nil, errors.New("the instance has no dei:DocumentPeriodEndDate")
	}
	return inst, nil
}

func attr(t xml.StartElement, space, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local && (a.Name.Space == space) {
			return a.Value
		}
	}
	return ""
}

func parseDate(s string, errp *error) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil && *errp == nil {
		*errp = fmt.Errorf("%q is not a date like 2026-06-30", s)
	}
	return t
}
