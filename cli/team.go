package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"atelier/studio/pgstore"
)

const teamUsage = `usage:
  atelier team init --db URL --kit DIR            as the database's owner: the schema, the roles
                                                  cm, designer, reviewer, brand_owner, and the kit
  atelier team invite --db URL --name NAME --role ROLE
                                                  a login of NAME's own in ROLE; prints their URL
  atelier team remove --db URL NAME               end NAME's sessions and drop their login
  atelier team members --db URL                   the team's logins and roles

--db defaults to $ATELIER_TEAM. A database on another computer needs
?sslmode=verify-full in its URL.`

// teamCommands are the subcommands of `atelier team`.
var teamCommands = map[string]func(context.Context, streams, []string) error{
	"init":    command(parseTeam("init", true, false), runTeamInit),
	"invite":  command(parseTeam("invite", false, true), runTeamInvite),
	"remove":  command(parseTeam("remove", false, false), runTeamRemove),
	"members": command(parseTeam("members", false, false), runTeamMembers),
}

// runTeam runs the team subcommand args names.
func runTeam(ctx context.Context, s streams, args []string) error {
	if len(args) > 0 {
		if run, ok := teamCommands[args[0]]; ok {
			return run(ctx, s, args[1:])
		}
	}
	fmt.Fprintln(s.log, teamUsage)
	return errFailed
}

// teamOptions are the team subcommands' options.
type teamOptions struct {
	db   string // the database URL (the owner's, for every subcommand)
	kit  string // init: the kit folder to load
	name string // invite, remove: the person
	role string // invite: their group
}

// parseTeam makes the parser of one team subcommand: --db always, --kit
// for init, --name and --role for invite; remove takes the name as its
// argument (or --name). Flags may come after the name.
func parseTeam(sub string, kit, invite bool) func([]string) (teamOptions, error) {
	return func(args []string) (teamOptions, error) {
		o := teamOptions{db: os.Getenv("ATELIER_TEAM")}
		fs := newFlags("team "+sub, teamUsage)
		fs.StringVar(&o.db, "db", o.db, "the team database's URL, postgres://user:password@host:port/database ($ATELIER_TEAM)")
		if kit {
			kitFlag(fs, &o.kit)
		}
		if invite || sub == "remove" {
			fs.StringVar(&o.name, "name", "", "the person's name, which is their login")
		}
		if invite {
			fs.StringVar(&o.role, "role", "", "their role: "+strings.Join(pgstore.Groups, ", "))
		}
		var rest []string
		for {
			if err := fs.Parse(args); err != nil {
				return o, err
			}
			if fs.NArg() == 0 {
				break
			}
			rest, args = append(rest, fs.Arg(0)), fs.Args()[1:]
		}
		if sub == "remove" && o.name == "" && len(rest) == 1 {
			o.name, rest = rest[0], nil
		}
		if len(rest) > 0 {
			return o, fmt.Errorf("team %s: unexpected %q\n\n%s", sub, strings.Join(rest, " "), teamUsage)
		}
		return o, o.check(sub)
	}
}

// check says which required option is missing.
func (o teamOptions) check(sub string) error {
	switch {
	case o.db == "":
		return fmt.Errorf("team %s needs the database: --db URL, or set ATELIER_TEAM", sub)
	case sub == "init" && o.kit == "":
		return errors.New("team init needs the brand kit to load: --kit DIR")
	case (sub == "invite" || sub == "remove") && o.name == "":
		return fmt.Errorf("team %s needs the person's name (--name NAME)", sub)
	case sub == "invite" && o.role == "":
		return fmt.Errorf("team invite needs a role: --role %s", strings.Join(pgstore.Groups, "|"))
	}
	return nil
}

// runTeamInit sets the database up and loads the kit, as its owner.
func runTeamInit(ctx context.Context, s streams, o teamOptions) error {
	if err := pgstore.Setup(ctx, o.db); err != nil {
		return err
	}
	st, err := pgstore.Open(ctx, o.db)
	if err != nil {
		return err
	}
	defer st.Close()
	kv, err := st.SaveKit(ctx, o.kit, "team init")
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "team ready in %s: schema %d, roles %s; kit %s %s saved as version %d (%d files)\n",
		st.Location(), pgstore.Migrations(), strings.Join(pgstore.Groups, ", "), kv.Name, kv.Version, kv.ID, kv.Files)
	fmt.Fprintln(s.log, "next: atelier team invite --db URL --name NAME --role ROLE, for each person")
	return nil
}

// runTeamInvite makes the person's login and prints their URL.
func runTeamInvite(ctx context.Context, s streams, o teamOptions) error {
	url, err := pgstore.Invite(ctx, o.db, o.name, o.role)
	if err != nil {
		return err
	}
	fmt.Fprintln(s.out, url)
	fmt.Fprintf(s.log, "%s is a %s. Give them this URL privately: its password is shown only now, and Atelier keeps no copy.\n", o.name, o.role)
	return nil
}

// runTeamRemove drops the person's login.
func runTeamRemove(ctx context.Context, s streams, o teamOptions) error {
	if err := pgstore.Remove(ctx, o.db, o.name); err != nil {
		return err
	}
	fmt.Fprintf(s.out, "%s removed: their sessions were ended and their login dropped; their past work keeps their name\n", o.name)
	return nil
}

// runTeamMembers lists the logins and their roles.
func runTeamMembers(ctx context.Context, s streams, o teamOptions) error {
	ms, err := pgstore.Members(ctx, o.db)
	if err != nil {
		return err
	}
	for _, m := range ms {
		fmt.Fprintf(s.out, "%s\t%s\n", m[0], m[1])
	}
	return nil
}
