package emulators

import "syscall"

// procAttr puts a child in its own process group, so Stop can signal the
// whole group, and has the kernel SIGKILL it if the Go process dies first.
// Pdeathsig fires when the OS thread that started the child exits; the Go
// runtime does not retire threads unless a goroutine exits while holding
// runtime.LockOSThread, which this package never does.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
