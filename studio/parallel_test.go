package studio_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"atelier/studio"
	"atelier/studio/ollamatest"
)

// slowDrafter drafts on the shared test server through a link that
// delays every chunk, so that a variant takes long enough for others to
// run beside it.
func slowDrafter(t *testing.T) *studio.OllamaDrafter {
	slow := ollamatest.Slow(t, server.Host, 4*time.Millisecond)
	return &studio.OllamaDrafter{Client: slow.Client(), Model: server.Model, Timeout: 3 * time.Minute, NumPredict: 256}
}

// TestComposeDraftsSeveralVariantsAtOnce: with Parallel 4, up to four
// variants stream at once and the brief is done sooner than one at a
// time; with Parallel 1, never two. Either way every variant is stored,
// and the outcomes and pieces keep the targets' order.
func TestComposeDraftsSeveralVariantsAtOnce(t *testing.T) {
	took := map[int]time.Duration{}
	for _, parallel := range []int{1, 4} {
		ws := newWorkspace(t)
		brief := newBrief(t, ws, []string{"instagram", "linkedin"}, []string{"parents-urbains", "design-lovers"}, []string{"fr-FR", "en-GB"})
		c := &studio.Composer{WS: ws, Drafter: slowDrafter(t), Parallel: parallel, User: studio.User{Name: "Camille", Role: studio.RoleAuthor}}
		running, most := map[int64]bool{}, 0
		start := time.Now()
		outs, err := c.Compose(context.Background(), brief, func(e studio.Event) { // called one at a time
			switch e.Kind {
			case studio.EventStart:
				running[e.PieceID] = true
			case studio.EventDone, studio.EventError:
				delete(running, e.PieceID)
			}
			most = max(most, len(running))
		})
		took[parallel] = time.Since(start)
		if err != nil || len(outs) != 8 {
			t.Fatalf("parallel %d: %d outcomes, %v", parallel, len(outs), err)
		}
		targets, _ := c.Targets(brief)
		for i, o := range outs {
			if o.Target.Key() != targets[i].Key() || o.Version.ID == 0 || o.Err != nil {
				t.Errorf("parallel %d: outcome %d is %s v%d (%v), want %s", parallel, i, o.Target.Key(), o.Version.Number, o.Err, targets[i].Key())
			}
			if i > 0 && o.Piece.ID <= outs[i-1].Piece.ID {
				t.Errorf("parallel %d: piece %d made before piece %d", parallel, o.Piece.ID, outs[i-1].Piece.ID)
			}
		}
		if parallel == 1 && most != 1 || parallel == 4 && most < 2 {
			t.Errorf("parallel %d: at most %d variants ran at once", parallel, most)
		}
	}
	t.Logf("8 variants: %v one at a time, %v four at a time", took[1], took[4])
	if took[4] > took[1]*3/4 {
		t.Errorf("four at a time took %v, one at a time %v", took[4], took[1])
	}
}

// TestCancelStopsEveryStream: cancelling while several variants stream
// stops them all; each keeps what it had streamed as an interrupted
// version (a variant cancelled before its first word has none to keep),
// and no piece is made for a variant that never started.
func TestCancelStopsEveryStream(t *testing.T) {
	ws := newWorkspace(t)
	brief := newBrief(t, ws, []string{"instagram", "linkedin", "x"}, []string{"parents-urbains", "design-lovers"}, []string{"fr-FR", "en-GB"})
	c := &studio.Composer{WS: ws, Drafter: slowDrafter(t), Parallel: 4, User: studio.User{Name: "Camille", Role: studio.RoleAuthor}}
	ctx, cancel := context.WithCancel(context.Background())
	streamed := map[int64]bool{}
	outs, err := c.Compose(ctx, brief, func(e studio.Event) {
		if e.Kind == studio.EventStream && e.Text != "" {
			streamed[e.PieceID] = true
			if len(streamed) == 3 {
				cancel()
			}
		}
	})
	if !errors.Is(err, context.Canceled) || len(outs) < 3 || len(outs) == 12 {
		t.Fatalf("%d outcomes, %v", len(outs), err)
	}
	interrupted := 0
	for _, o := range outs {
		vs, _ := ws.Versions(context.Background(), o.Piece.ID)
		if len(vs) == 0 {
			if streamed[o.Piece.ID] {
				t.Errorf("piece %d (%s) streamed text and kept none", o.Piece.ID, o.Target.Key())
			}
			continue
		}
		if vs[len(vs)-1].Status == studio.VersionInterrupted {
			interrupted++
		}
	}
	if interrupted < 2 {
		t.Errorf("only %d streams were kept as interrupted", interrupted)
	}
	ps, _ := ws.Pieces(context.Background(), studio.PieceFilter{})
	if len(ps) != len(outs) {
		t.Errorf("%d pieces for %d outcomes", len(ps), len(outs))
	}
}
