package data

import "io/fs"

// Load reads a dataset from fsys without naming its origin, as the tests
// need it; the program uses LoadBundled or LoadDir.
func Load(fsys fs.FS) (*Dataset, error) { return load(fsys, "") }
