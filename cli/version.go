package cli

import (
	"runtime/debug"
	"strings"
)

// version describes this build from what the Go toolchain stamped into it:
// the module version (v1.2.3 from go install, "(devel)" from a checkout)
// and, for a build in a git checkout, the commit, its time and whether the
// tree had changes.
func version(info *debug.BuildInfo, ok bool) string {
	if !ok {
		return "unknown (built without module information)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, at string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return v + ", " + info.GoVersion
	}
	var b strings.Builder
	b.WriteString(v + ", commit " + rev[:min(12, len(rev))])
	if at != "" {
		b.WriteString(" of " + at)
	}
	if modified {
		b.WriteString(" with uncommitted changes")
	}
	b.WriteString(", " + info.GoVersion)
	return b.String()
}
