package storetest_test

import (
	"context"
	"path/filepath"
	"testing"

	"atelier/studio"
	"atelier/studio/store"
	"atelier/studio/storetest"
)

// TestSQLiteStore runs the conformance suite against the SQLite store.
func TestSQLiteStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) studio.Store {
		s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), store.FileName))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
