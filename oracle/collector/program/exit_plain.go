//go:build !trailer

package main

import "os"

// From v0.144.0 the builder's generated main prints nothing itself: cobra has printed `Error: …`.
func exit(error) { os.Exit(1) }
