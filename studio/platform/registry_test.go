package platform_test

import (
	"strings"
	"testing"

	"atelier/studio/platform"
)

func TestDefaultRegistryMatchesDesign(t *testing.T) {
	r := platform.Default()
	cases := []struct {
		id        string
		limit     int
		counting  platform.Counting
		placement string
		w, h      int
	}{
		{"x", 280, platform.CountWeighted, "x.image", 1600, 900},
		{"linkedin", 3000, platform.CountChars, "linkedin.link", 1200, 627},
		{"linkedin", 3000, platform.CountChars, "linkedin.square", 1200, 1200},
		{"instagram", 2200, platform.CountChars, "instagram.feed", 1080, 1080},
		{"instagram", 2200, platform.CountChars, "instagram.portrait", 1080, 1350},
		{"instagram", 2200, platform.CountChars, "instagram.story", 1080, 1920},
		{"facebook", 63206, platform.CountChars, "facebook.link", 1200, 630},
		{"tiktok", 2200, platform.CountChars, "tiktok.video", 1080, 1920},
		{"threads", 500, platform.CountChars, "threads.portrait", 1080, 1350},
		{"bluesky", 300, platform.CountGraphemes, "bluesky.image", 1200, 675},
		{"mastodon", 500, platform.CountWeighted, "mastodon.image", 1200, 675},
		{"youtube", 5000, platform.CountChars, "youtube.thumbnail", 1280, 720},
		{"pinterest", 500, platform.CountChars, "pinterest.pin", 1000, 1500},
	}
	for _, c := range cases {
		p, ok := r.Get(c.id)
		if !ok || p.TextLimit != c.limit || p.Counting != c.counting {
			t.Errorf("%s: %+v", c.id, p)
		}
		pl, ok := r.Placement(c.placement)
		if !ok || pl.Width != c.w || pl.Height != c.h {
			t.Errorf("%s: %+v", c.placement, pl)
		}
	}
	if len(r.All()) != 10 {
		t.Errorf("%d platforms, want 10", len(r.All()))
	}
	li, _ := r.Get("linkedin")
	if li.FoldMobile != 140 || li.FoldDesktop != 210 || li.FoldLinesMobile != 3 || li.FoldLinesDesktop != 5 {
		t.Errorf("linkedin fold %+v", li)
	}
	story, _ := r.Placement("instagram.story")
	if story.Safe.Top != 0.14 || story.Safe.Bottom != 0.14 {
		t.Errorf("story safe zone %+v", story.Safe)
	}
	yt, _ := r.Get("youtube")
	if yt.TitleLimit != 100 {
		t.Errorf("youtube title limit %d", yt.TitleLimit)
	}
	sizes := map[[2]int]bool{}
	for _, pl := range r.Placements() {
		sizes[[2]int{pl.Width, pl.Height}] = true
	}
	if len(sizes) != 10 {
		t.Errorf("%d distinct placement sizes, want the 10 of DESIGN.md", len(sizes))
	}
	if _, ok := r.Get("myspace"); ok {
		t.Error("unknown platform found")
	}
}

func TestParseRejectsBadRegistries(t *testing.T) {
	cases := []struct{ name, toml, want string }{
		{"unknown key", "[[platform]]\nid='a'\nname='A'\ntext_limit=1\ncounting='chars'\ncolour='red'", "colour"},
		{"no limit", "[[platform]]\nid='a'\nname='A'\ncounting='chars'", "text_limit"},
		{"bad counting", "[[platform]]\nid='a'\nname='A'\ntext_limit=5\ncounting='words'", "counting"},
		{"weighted without url length", "[[platform]]\nid='a'\nname='A'\ntext_limit=5\ncounting='weighted'", "url_length"},
		{"duplicate id", "[[platform]]\nid='a'\nname='A'\ntext_limit=5\ncounting='chars'\n[[platform]]\nid='a'\nname='B'\ntext_limit=5\ncounting='chars'", "repeated"},
		{"placement prefix", "[[platform]]\nid='a'\nname='A'\ntext_limit=5\ncounting='chars'\n[[platform.placement]]\nid='b.x'\nwidth=1\nheight=1", "must start with"},
		{"no room in safe zone", "[[platform]]\nid='a'\nname='A'\ntext_limit=5\ncounting='chars'\n[[platform.placement]]\nid='a.x'\nwidth=1\nheight=1\nsafe={top=0.5,bottom=0.5}", "no room"},
	}
	for _, c := range cases {
		_, err := platform.Parse([]byte(c.toml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}
