package cli

import (
	"runtime/debug"
	"testing"
)

func TestVersion(t *testing.T) {
	vcs := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	for _, tc := range []struct {
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{nil, false, "unknown (built without module information)"},
		{&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"}}, true, "v1.2.0, go1.26.8"},
		{&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"},
			Settings: vcs("vcs.revision", "484fc7e0123456789abcdef", "vcs.time", "2026-11-29T21:09:00Z", "vcs.modified", "true")},
			true, "(devel), commit 484fc7e01234 of 2026-11-29T21:09:00Z with uncommitted changes, go1.26.8"},
		{&debug.BuildInfo{GoVersion: "go1.26.8", Settings: vcs("vcs.revision", "abc", "vcs.modified", "false")},
			true, "(devel), commit abc, go1.26.8"},
	} {
		if got := version(tc.info, tc.ok); got != tc.want {
			t.Errorf("version = %q; want %q", got, tc.want)
		}
	}
}
