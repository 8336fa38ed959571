//go:build trailer

package main

import "log"

// Up to v0.143 the builder's generated main ended with this line (removed in v0.144.0, core #14317).
func exit(err error) { log.Fatalf("collector server run finished with error: %v", err) }
