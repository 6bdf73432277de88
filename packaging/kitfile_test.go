package packaging_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"atelier/brandkit"
	"atelier/packaging"
)

var opts = brandkit.Options{}

func exportSample(t testing.TB) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "maison-lumen.atelierkit")
	if err := packaging.ExportKit("../samples/kit", out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestKitRoundTrip(t *testing.T) {
	file := exportSample(t)
	kits := t.TempDir()
	dir, err := packaging.ImportKit(file, kits, opts, false)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(dir) != "maison-lumen" {
		t.Fatalf("installed as %s", dir)
	}
	orig, _ := brandkit.Load("../samples/kit", opts)
	got, err := brandkit.Load(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := orig.Marshal()
	b, _ := got.Marshal()
	if !bytes.Equal(a, b) {
		t.Fatal("the imported kit differs")
	}
	for _, f := range []string{"brandkit.toml", "logo.png", "fonts/Lato-Regular.ttf"} {
		x, _ := os.ReadFile(filepath.Join("../samples/kit", f))
		y, _ := os.ReadFile(filepath.Join(dir, f))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs after the round trip", f)
		}
	}
	again := filepath.Join(t.TempDir(), "again.atelierkit")
	if err := packaging.ExportKit(dir, again); err != nil {
		t.Fatal(err)
	}
	x, _ := os.ReadFile(file)
	y, _ := os.ReadFile(again)
	if !bytes.Equal(x, y) {
		t.Error("exporting the imported kit does not give the same file")
	}

	// A second import asks before replacing, and keeps the old kit.
	if _, err := packaging.ImportKit(file, kits, opts, false); !errors.Is(err, packaging.ErrKitExists) {
		t.Fatalf("second import: %v", err)
	}
	if _, err := packaging.ImportKit(file, kits, opts, true); err != nil {
		t.Fatal(err)
	}
	prev, _ := filepath.Glob(filepath.Join(kits, "maison-lumen.previous-*"))
	if len(prev) != 1 {
		t.Fatalf("the old kit was not kept: %v", prev)
	}
}

// zipOf builds a zip from entries; a nil body makes a symbolic link.
func zipOf(t *testing.T, entries map[string][]byte, mutate func(*zip.FileHeader)) string {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, body := range entries {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate}
		if body == nil {
			h.SetMode(fs.ModeSymlink | 0o777)
			body = []byte("/etc/passwd")
		}
		if mutate != nil {
			mutate(h)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	zw.Close()
	path := filepath.Join(t.TempDir(), "bad.atelierkit")
	os.WriteFile(path, b.Bytes(), 0o644)
	return path
}

func TestMaliciousKitsAreRefused(t *testing.T) {
	many := map[string][]byte{}
	for i := 0; i < 1001; i++ {
		many[filepath.Join("f", strings.Repeat("x", 3)+string(rune('a'+i%26))+strings.Repeat("y", i/26))] = []byte("x")
	}
	cases := []struct {
		name string
		file func(t *testing.T) string
		want string
	}{
		{"zip slip", func(t *testing.T) string { return zipOf(t, map[string][]byte{"../../evil.sh": []byte("x")}, nil) }, "zip slip"},
		{"nested slip", func(t *testing.T) string { return zipOf(t, map[string][]byte{"kit/../../evil": []byte("x")}, nil) }, "zip slip"},
		{"absolute path", func(t *testing.T) string { return zipOf(t, map[string][]byte{"/etc/cron.d/x": []byte("x")}, nil) }, "absolute"},
		{"windows path", func(t *testing.T) string { return zipOf(t, map[string][]byte{"C:\\\\x": []byte("x")}, nil) }, "absolute or Windows"},
		{"symlink", func(t *testing.T) string { return zipOf(t, map[string][]byte{"logo.png": nil}, nil) }, "symbolic link"},
		{"bomb", func(t *testing.T) string {
			return zipOf(t, map[string][]byte{"brandkit.toml": make([]byte, 20<<20)}, nil)
		}, "zip bomb"},
		{"too many entries", func(t *testing.T) string { return zipOf(t, many, nil) }, "1001 entries"},
		{"not a zip", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "x.atelierkit")
			os.WriteFile(p, []byte("PK nope"), 0o644)
			return p
		}, "not a zip"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kits := t.TempDir()
			_, err := packaging.ImportKit(c.file(t), kits, opts, false)
			if !errors.Is(err, packaging.ErrUnsafeKit) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want %q", err, c.want)
			}
			if left, _ := os.ReadDir(kits); len(left) != 0 {
				t.Fatalf("files were left behind: %v", left)
			}
		})
	}
}

func TestInvalidKitIsNotInstalled(t *testing.T) {
	file := zipOf(t, map[string][]byte{"brandkit.toml": []byte("[identity]\nname = \"X\"\nlanguages = [\"klingon_x\"]\n")}, nil)
	kits := t.TempDir()
	_, err := packaging.ImportKit(file, kits, opts, false)
	var ve *brandkit.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "BCP 47") {
		t.Fatalf("error %v", err)
	}
	if left, _ := os.ReadDir(kits); len(left) != 0 {
		t.Fatalf("an invalid kit was installed: %v", left)
	}
}

func FuzzImportKit(f *testing.F) {
	data, err := os.ReadFile(exportSample(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("PK\x03\x04"))
	f.Add(data[:len(data)/2])
	f.Fuzz(func(t *testing.T, b []byte) {
		dir := t.TempDir()
		file := filepath.Join(dir, "k.atelierkit")
		os.WriteFile(file, b, 0o644)
		kits := filepath.Join(dir, "kits")
		installed, err := packaging.ImportKit(file, kits, opts, false)
		if err == nil {
			if _, err := brandkit.Load(installed, opts); err != nil {
				t.Fatalf("an installed kit does not load: %v", err)
			}
		}
		entries, _ := os.ReadDir(kits)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".import-") {
				t.Fatalf("a temporary folder was left: %s", e.Name())
			}
		}
	})
}
