package studio_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"atelier/studio"
)

// recorder drafts from the templates and keeps every prompt it was given.
type recorder struct {
	studio.TemplateDrafter
	mu      sync.Mutex
	prompts map[string]studio.Prompt // by target key
}

func (r *recorder) Draft(ctx context.Context, req *studio.Request, fn studio.ProgressFunc) (*studio.Result, error) {
	r.mu.Lock()
	r.prompts[req.Target.Key()] = studio.BuildPrompt(req)
	r.mu.Unlock()
	return r.TemplateDrafter.Draft(ctx, req, fn)
}

// TestExamplesOpenTheTask: the kit's example for Instagram × design lovers
// and, once six Instagram posts of that pair are imported, the best of
// them open the task of that pair's variants, in both languages, the same
// bytes before "Write for"; the other persona's variants carry none.
func TestExamplesOpenTheTask(t *testing.T) {
	ws := newWorkspace(t)
	ctx := context.Background()
	brief := newBrief(t, ws, []string{"instagram"}, []string{"design-lovers", "parents-urbains"}, []string{"fr-FR", "en-GB"})

	// Six Instagram posts, which the CM ties to the French design-lovers piece.
	rec := &recorder{prompts: map[string]studio.Prompt{}}
	outs, err := (&studio.Composer{WS: ws, Drafter: rec}).Compose(ctx, brief, nil)
	if err != nil {
		t.Fatal(err)
	}
	var target studio.Piece
	for _, o := range outs {
		if o.Piece.Persona == "design-lovers" && o.Piece.Language == "fr-FR" {
			target = o.Piece
		}
	}
	rows := []string{"Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,Permalink,Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,Comments,Saves"}
	for i := range 6 {
		rows = append(rows, fmt.Sprintf("1790%d,1,maisonlumen,Maison Lumen,Best post number %d for the feed,,%s,https://www.instagram.com/p/AB%d/,IG image,,Lifetime,%d,1000,%d,1,0,3,2",
			i, i, time.Date(2026, 9, 1+i, 10, 0, 0, 0, time.UTC).Format("01/02/2006 15:04"), i, 2000, 10*(i+1)))
	}
	export := filepath.Join(t.TempDir(), "instagram.csv")
	os.WriteFile(export, []byte(strings.Join(rows, "\n")+"\n"), 0o644)
	if _, err := ws.ImportResults(ctx, export); err != nil {
		t.Fatal(err)
	}
	posts, _ := ws.ResultPosts(ctx)
	if len(posts) != 6 {
		t.Fatalf("%d posts imported", len(posts))
	}
	for _, p := range posts {
		// Each post tied to a French design-lovers piece (the CM confirms them).
		if err := ws.ConfirmMatch(ctx, p.Key(), target.ID); err != nil {
			t.Fatal(err)
		}
	}

	rec.prompts = map[string]studio.Prompt{}
	if _, err := (&studio.Composer{WS: ws, Drafter: rec}).Compose(ctx, brief, nil); err != nil {
		t.Fatal(err)
	}
	fr, en := rec.prompts["instagram/design-lovers/fr-FR"].Task, rec.prompts["instagram/design-lovers/en-GB"].Task
	other := rec.prompts["instagram/parents-urbains/fr-FR"].Task
	prefix, _, ok := strings.Cut(fr, "Write for")
	if !ok || !strings.HasPrefix(en, prefix) || prefix == "" {
		t.Fatalf("the two languages do not share the examples' prefix:\n%q\n%q", fr, en)
	}
	kitAt, bestAt := strings.Index(prefix, "La cire coule"), strings.Index(prefix, "Best post number 5")
	if kitAt < 0 || bestAt < 0 || kitAt > bestAt || strings.Contains(prefix, "Best post number 0") {
		t.Fatalf("the kit's example, then the best two posts, not the worst:\n%s", prefix)
	}
	if strings.Contains(other, "Posts that worked") {
		t.Fatalf("another persona got the examples:\n%s", other)
	}
	if rec.prompts["instagram/design-lovers/fr-FR"].System != rec.prompts["instagram/parents-urbains/en-GB"].System {
		t.Fatal("the system prompt differs between variants")
	}
}
