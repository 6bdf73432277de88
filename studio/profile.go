package studio

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"atelier/brandkit"
)

// ProfileFile is the file in the data folder that says who works in it.
const ProfileFile = "profile.json"

// Profile returns who works in this data folder, as they said at first
// start; ok is false until they have said it. Each data folder has its
// own, so a second one does not inherit the first one's person.
func (w *Workspace) Profile() (u User, ok bool, err error) {
	data, err := os.ReadFile(filepath.Join(w.dataDir, ProfileFile))
	if errors.Is(err, fs.ErrNotExist) {
		return User{Role: RoleAuthor}, false, nil
	}
	if err != nil {
		return User{Role: RoleAuthor}, false, err
	}
	if err := json.Unmarshal(data, &u); err != nil {
		return User{Role: RoleAuthor}, false, fmt.Errorf("%s cannot be read (%v); say who you are again in Settings", filepath.Join(w.dataDir, ProfileFile), err)
	}
	if !slices.Contains(Roles, u.Role) {
		u.Role = RoleAuthor
	}
	return u, u.Name != "", nil
}

// SaveProfile keeps who works in this data folder.
func (w *Workspace) SaveProfile(u User) error {
	if !slices.Contains(Roles, u.Role) {
		return fmt.Errorf("%q is not a role; use one of %v", u.Role, Roles)
	}
	data, err := json.MarshalIndent(u, "", "  ")
	if err != nil {
		return err
	}
	return brandkit.WriteFileAtomic(filepath.Join(w.dataDir, ProfileFile), data, 0o600)
}
