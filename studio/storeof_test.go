package studio

// StoreOf gives tests the store under a workspace, to write fixtures the
// studio's tasks would refuse (a transition the workflow forbids, a
// version from nowhere).
func StoreOf(w *Workspace) Store { return w.store.(announcing).Store }
