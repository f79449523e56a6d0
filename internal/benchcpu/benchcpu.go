// Package benchcpu measures the CPU time benchmarks spend, which on a
// machine shared with other work is steadier than wall time.
package benchcpu

import (
	"syscall"
	"testing"
	"time"
)

// Process is the CPU time the process has used so far (user and system,
// the garbage collector's included), or -1 when the system does not tell it.
func Process() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Report reports the CPU time per operation since start (a Process
// reading) as cpu-ns/op, when the system tells it.
func Report(b *testing.B, start time.Duration) {
	if start >= 0 {
		b.ReportMetric(float64(Process()-start)/float64(b.N), "cpu-ns/op")
	}
}
