package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"atelier/studio"
	"atelier/studio/pgstore"
)

// teamURL is the team database the command works on: --team, else
// $ATELIER_TEAM; "" for the personal (SQLite) workspace.
var teamURL string

func team() string {
	if teamURL != "" {
		return teamURL
	}
	return os.Getenv("ATELIER_TEAM")
}

// openTeam opens the team's workspace: the store is the database, the kit
// its newest version, copied into the data folder.
func openTeam(ctx context.Context, url string) (*studio.Workspace, error) {
	st, err := pgstore.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	dataDir, err := studio.DataDir()
	if err != nil {
		st.Close()
		return nil, err
	}
	sum := sha256.Sum256([]byte(st.Location()))
	kitDir := filepath.Join(dataDir, "team-kits", hex.EncodeToString(sum[:6]))
	if _, err := st.WriteKit(ctx, kitDir); err != nil {
		st.Close()
		return nil, fmt.Errorf("reading the team's brand kit: %w", err)
	}
	return studio.New(st, dataDir, kitDir), nil
}

// commandUser is who acts: in a team, the database's login and its role
// (the database checks them again); alone, the computer's user.
func commandUser(ctx context.Context, ws *studio.Workspace) (studio.User, error) {
	u, team, err := ws.SessionUser(ctx)
	if !team {
		return studio.LocalUser(), nil
	}
	return u, err
}

const workflowUsage = `usage: atelier pieces [--campaign ID] [--state S] [--json]
       atelier move PIECE STATE [--note TEXT] [--override REASON]
       atelier comment PIECE TEXT

Add --team URL (or set ATELIER_TEAM) to work in the team's database as yourself.`

func runPieces(ctx context.Context, s streams, args []string) error {
	fs := newFlags("pieces", workflowUsage)
	campaign := fs.Int64("campaign", 0, "only this campaign's pieces")
	state := fs.String("state", "", "only the pieces in this state: "+strings.Join(stateNames(), ", "))
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ws, err := openWorkspace("")
	if err != nil {
		return err
	}
	defer ws.Close()
	ps, err := ws.Pieces(ctx, studio.PieceFilter{CampaignID: *campaign, State: studio.State(*state)})
	if err != nil {
		return err
	}
	if *asJSON {
		type piece struct {
			ID       int64  `json:"id"`
			Campaign int64  `json:"campaign_id"`
			Platform string `json:"platform"`
			Persona  string `json:"persona"`
			Language string `json:"language"`
			State    string `json:"state"`
			Author   string `json:"author"`
		}
		out := []piece{}
		for _, p := range ps {
			out = append(out, piece{p.ID, p.CampaignID, p.Platform, p.Persona, p.Language, string(p.State), p.Author})
		}
		enc := json.NewEncoder(s.out)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	for _, p := range ps {
		fmt.Fprintf(s.out, "#%-5d %-10s %-16s %-6s %s\n", p.ID, p.Platform, p.Persona, p.Language, p.State)
	}
	return nil
}

func stateNames() []string {
	var out []string
	for _, st := range studio.States {
		out = append(out, string(st))
	}
	return out
}

func runMove(ctx context.Context, s streams, args []string) error {
	fs := newFlags("move", workflowUsage)
	note := fs.String("note", "", "why (required to request changes)")
	override := fs.String("override", "", "approve despite a failing brand check, for this reason")
	id, rest, err := pieceArg(args)
	if err != nil {
		return err
	}
	if err := fs.Parse(rest[min(1, len(rest)):]); err != nil {
		return err
	}
	if len(rest) == 0 {
		return fmt.Errorf("say which state: %s", strings.Join(stateNames(), ", "))
	}
	ws, err := openWorkspace("")
	if err != nil {
		return err
	}
	defer ws.Close()
	user, err := commandUser(ctx, ws)
	if err != nil {
		return err
	}
	t, err := ws.Move(ctx, id, studio.State(rest[0]), user, *note, *override)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "piece %d: %s → %s by %s\n", id, t.From, t.To, t.Who)
	return nil
}

func runComment(ctx context.Context, s streams, args []string) error {
	id, rest, err := pieceArg(args)
	if err != nil {
		return err
	}
	text := strings.TrimSpace(strings.Join(rest, " "))
	if text == "" {
		return fmt.Errorf("the comment is empty: atelier comment PIECE TEXT")
	}
	ws, err := openWorkspace("")
	if err != nil {
		return err
	}
	defer ws.Close()
	user, err := commandUser(ctx, ws)
	if err != nil {
		return err
	}
	c, err := ws.AddComment(ctx, user, studio.Comment{PieceID: id, Body: text})
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "piece %d: comment %d by %s\n", id, c.ID, c.Author)
	return nil
}

// pieceArg reads the piece number that comes first.
func pieceArg(args []string) (int64, []string, error) {
	if len(args) == 0 || args[0] == "--help" || args[0] == "-h" {
		return 0, nil, fmt.Errorf("%s", workflowUsage)
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil {
		return 0, nil, fmt.Errorf("%q is not a piece number (see atelier pieces)", args[0])
	}
	return id, args[1:], nil
}
