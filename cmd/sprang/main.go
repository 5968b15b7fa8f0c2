// Command sprang is the Språnget platform: one binary that serves the web
// application and administers it. main only wires the process to run.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "sprang:", err)
		stop()
		os.Exit(exitCode(err))
	}
}
