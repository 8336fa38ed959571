// Command tracing-config asks kube-apiserver's own code (k8s.io/apiserver 1.22–1.24) what it says about
// --tracing-config-file documents: the same two calls TracingOptions.ApplyTo makes, ReadTracingConfiguration and
// ValidateTracingConfiguration, both in k8s.io/apiserver pkg/tracing/config.go in these releases.
// Input: a JSON list of {"id","text"} on stdin; output: a JSON list of verdicts on stdout.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"k8s.io/apiserver/pkg/tracing"
)

type document struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// verdict: "accepted", "read-error" (ReadTracingConfiguration failed: Error is its text) or "invalid"
// (ValidateTracingConfiguration's field errors, one string each, in Causes; Error is the aggregate's text).
type verdict struct {
	ID      string   `json:"id"`
	Verdict string   `json:"verdict"`
	Error   string   `json:"error,omitempty"`
	Causes  []string `json:"causes,omitempty"`
	// Endpoint is the endpoint as decoded, when the file was read and set one (for the net/url probes).
	Endpoint *string `json:"endpoint,omitempty"`
}

func main() {
	var docs []document
	if err := json.NewDecoder(os.Stdin).Decode(&docs); err != nil {
		fmt.Fprintf(os.Stderr, "tracing-config: reading the documents from stdin: %v\n", err)
		os.Exit(2)
	}
	dir, err := os.MkdirTemp("", "tracing-config-oracle")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "tracing-config.yaml")
	out := make([]verdict, 0, len(docs))
	for _, doc := range docs {
		if err := os.WriteFile(file, []byte(doc.Text), 0o600); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		out = append(out, judge(doc.ID, file))
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(map[string]interface{}{"go": runtime.Version(), "verdicts": out}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}

func judge(id, file string) verdict {
	config, err := tracing.ReadTracingConfiguration(file)
	if err != nil {
		return verdict{ID: id, Verdict: "read-error", Error: err.Error()}
	}
	errs := tracing.ValidateTracingConfiguration(config)
	if len(errs) == 0 {
		return verdict{ID: id, Verdict: "accepted", Endpoint: config.Endpoint}
	}
	causes := make([]string, 0, len(errs))
	for _, e := range errs {
		causes = append(causes, e.Error())
	}
	return verdict{ID: id, Verdict: "invalid", Error: errs.ToAggregate().Error(), Causes: causes, Endpoint: config.Endpoint}
}
