package termreply

import (
	"slices"
	"testing"
)

func TestScanner(t *testing.T) {
	tests := []struct {
		name   string
		pieces []string
		want   [][]int // per piece
	}{
		{"none", []string{"hello", "world"}, [][]int{nil, nil}},
		{"one", []string{"x\x1b[6ny"}, [][]int{{1}}},
		{"in order", []string{"ab\x1b[6nab"}, [][]int{{0, 1, 0}}},
		{"split", []string{"xx\x1b[", "6n"}, [][]int{nil, {1}}},
		{"split one byte at a time", []string{"\x1b", "[", "6", "n"}, [][]int{nil, nil, nil, {1}}},
		{"not found twice", []string{"\x1b[6n", "x", "y"}, [][]int{{1}, nil, nil}},
		{"repeated", []string{"\x1b[6n\x1b[6n"}, [][]int{{1, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewScanner("ab", "\x1b[6n")
			for i, p := range tt.pieces {
				if got := s.Feed([]byte(p), nil); !slices.Equal(got, tt.want[i]) {
					t.Errorf("piece %d %q: found %v, want %v", i, p, got, tt.want[i])
				}
			}
		})
	}
}
