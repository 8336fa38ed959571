// Command neturl asks one Go toolchain's net/url.Parse about endpoint strings, as the tracing validator passes
// them (with "dns://" already prefixed where it adds it). Built with each toolchain a Kubernetes minor's patch
// releases were built with, so that the TypeScript port (server/src/service/go/netUrl.ts) can be held to every
// one of them. Input: a JSON list of strings on stdin; output: {"go": version, "results": [...]} on stdout.
// Only the standard library: no go.mod dependency, so any toolchain builds it.
package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"runtime"
)

type result struct {
	// Scheme is url.Parse's (lower-cased) scheme when it succeeds; Error its error text when it fails.
	Scheme *string `json:"scheme,omitempty"`
	Error  string  `json:"error,omitempty"`
}

func main() {
	var inputs []string
	if err := json.NewDecoder(os.Stdin).Decode(&inputs); err != nil {
		fmt.Fprintf(os.Stderr, "neturl: reading the strings from stdin: %v\n", err)
		os.Exit(2)
	}
	results := make([]result, 0, len(inputs))
	for _, raw := range inputs {
		u, err := url.Parse(raw)
		if err != nil {
			results = append(results, result{Error: err.Error()})
			continue
		}
		scheme := u.Scheme
		results = append(results, result{Scheme: &scheme})
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(map[string]interface{}{"go": runtime.Version(), "results": results}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
