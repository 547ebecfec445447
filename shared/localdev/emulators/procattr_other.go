//go:build unix && !linux

package emulators

import "syscall"

// procAttr puts a child in its own process group so Stop can signal the
// whole group. Only Linux has Pdeathsig.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
