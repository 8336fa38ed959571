// Command feature-gates asks one Kubernetes release's own feature-gate code two things, as JSON on stdout:
//
//	feature-gates registry   the gates kube-apiserver and the kubelet register (k8s.io/kubernetes/pkg/features,
//	                         plus the logging gates their commands add in init), each with its stage, default,
//	                         lock and, from 1.31, its per-version specs; from 1.35 the dependencies.
//	feature-gates check      reads cases (a JSON array) on stdin and answers each with the error the release
//	                         returns (or none) and the lines it logs:
//	                         {"component":"kube-apiserver","args":["--feature-gates=A=true"]} goes through the
//	                         release's own flag path (pflag and featuregate.Set before 1.31, the component
//	                         globals registry's --feature-gates/--emulated-version and Set() from 1.31);
//	                         {"component":"kubelet","gates":[["A",true]]} goes through SetFromMap, as the
//	                         kubelet applies KubeletConfiguration.featureGates.
//
// The release-specific parts live in one gen_*.go file per API generation; scripts copy this file and the one
// that fits the release into a module pinned to that release (oracle/feature-gates/oracle.mjs).
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"k8s.io/klog/v2"
)

type specOut struct {
	Version          string `json:"version"`
	Stage            string `json:"stage"`
	Default          bool   `json:"default"`
	Locked           bool   `json:"locked,omitempty"`
	MinCompatibility string `json:"minCompatibilityVersion,omitempty"`
}

type gateOut struct {
	Name    string    `json:"name"`
	Stage   string    `json:"stage"`
	Default bool      `json:"default"`
	Locked  bool      `json:"locked,omitempty"`
	Specs   []specOut `json:"specs,omitempty"`
	Depends []string  `json:"dependsOn,omitempty"`
}

type caseIn struct {
	Component string            `json:"component"`
	Args      []string          `json:"args,omitempty"`
	Gates     []json.RawMessage `json:"gates,omitempty"`
}

type caseOut struct {
	// Error is what the component prints before exiting ("" = it starts).
	Error string `json:"error"`
	// Message is featuregate's own error inside it (pflag wraps it before 1.31).
	Message string `json:"message"`
	// Logs are the lines klog wrote meanwhile, without headers.
	Logs []string `json:"logs"`
}

var logBuffer bytes.Buffer

func stageName(prerelease string) string {
	switch prerelease {
	case "ALPHA":
		return "alpha"
	case "BETA":
		return "beta"
	case "":
		return "stable"
	case "DEPRECATED":
		return "deprecated"
	case "PRE-ALPHA":
		return "pre-alpha"
	}
	return "unknown:" + prerelease
}

func takeLogs() []string {
	klog.Flush()
	text := strings.TrimSpace(logBuffer.String())
	logBuffer.Reset()
	if text == "" {
		return []string{}
	}
	lines := strings.Split(text, "\n")
	sort.Strings(lines) // Go's map iteration order is random: the set of lines is the answer
	return lines
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func main() {
	flags := flag.NewFlagSet("klog", flag.ExitOnError)
	klog.InitFlags(flags)
	for name, value := range map[string]string{"logtostderr": "false", "alsologtostderr": "false", "skip_headers": "true", "stderrthreshold": "FATAL"} {
		if err := flags.Set(name, value); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	klog.SetOutput(&logBuffer)
	setUp()

	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: feature-gates registry|check")
		os.Exit(2)
	}
	encoder := json.NewEncoder(os.Stdout)
	switch os.Args[1] {
	case "registry":
		gates := registry()
		sort.Slice(gates, func(i, j int) bool { return gates[i].Name < gates[j].Name })
		_ = takeLogs()
		if err := encoder.Encode(gates); err != nil {
			panic(err)
		}
	case "check":
		var cases []caseIn
		if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
			fmt.Fprintln(os.Stderr, "cases:", err)
			os.Exit(2)
		}
		_ = takeLogs()
		out := make([]caseOut, 0, len(cases))
		for i, c := range cases {
			var result caseOut
			switch c.Component {
			case "kube-apiserver":
				full, core := checkApiserver(c.Args)
				result = caseOut{Error: errText(full), Message: errText(core)}
			case "kubelet":
				m := map[string]bool{}
				for _, raw := range c.Gates {
					var pair []interface{}
					if err := json.Unmarshal(raw, &pair); err != nil || len(pair) != 2 {
						fmt.Fprintf(os.Stderr, "case %d: a gate is [name, bool]\n", i)
						os.Exit(2)
					}
					m[pair[0].(string)] = pair[1].(bool) // later duplicates win, as in a decoded map
				}
				err := checkKubelet(m)
				result = caseOut{Error: errText(err), Message: errText(err)}
			default:
				fmt.Fprintf(os.Stderr, "case %d: unknown component %q\n", i, c.Component)
				os.Exit(2)
			}
			result.Logs = takeLogs()
			out = append(out, result)
		}
		if err := encoder.Encode(out); err != nil {
			panic(err)
		}
	case "klog-infos":
		// How this release's klog renders a structured info line with an error value (the kubelet's
		// "Using lenient decoding as strict decoding failed" line): stdin [[message, key, error text], …].
		var lines [][3]string
		if err := json.NewDecoder(os.Stdin).Decode(&lines); err != nil {
			fmt.Fprintln(os.Stderr, "lines:", err)
			os.Exit(2)
		}
		_ = takeLogs()
		out := make([]string, 0, len(lines))
		for _, line := range lines {
			klog.InfoS(line[0], line[1], errors.New(line[2]))
			klog.Flush()
			out = append(out, strings.TrimSuffix(logBuffer.String(), "\n"))
			logBuffer.Reset()
		}
		if err := encoder.Encode(out); err != nil {
			panic(err)
		}
	default:
		fmt.Fprintln(os.Stderr, "usage: feature-gates registry|check|klog-infos")
		os.Exit(2)
	}
}
