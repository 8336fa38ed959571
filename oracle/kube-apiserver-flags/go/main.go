// Command kube-apiserver-flags asks one Kubernetes release's kube-apiserver command (k8s.io/kubernetes
// cmd/kube-apiserver/app NewAPIServerCommand, with the flag-name normalization its main applies) two things,
// as JSON on stdout:
//
//	kube-apiserver-flags flags   every flag the command accepts: name, type, whether it is boolean (takes no
//	                             value unless given with '='), deprecated or hidden
//	kube-apiserver-flags check   reads command lines (a JSON array of argument arrays) on stdin and answers each
//	                             with pflag's error when it parses them ("" when it does)
//
// Nothing runs: the command is built and its flags parsed, never executed.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/spf13/pflag"
)

type flagOut struct {
	Name       string `json:"name"`
	Shorthand  string `json:"shorthand,omitempty"`
	Type       string `json:"type"`
	Bool       bool   `json:"bool,omitempty"`
	Deprecated bool   `json:"deprecated,omitempty"`
	Hidden     bool   `json:"hidden,omitempty"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: kube-apiserver-flags flags|check")
		os.Exit(2)
	}
	command := newCommand()
	command.InitDefaultHelpFlag() // cobra adds --help/-h when it executes
	fs := command.Flags()
	encoder := json.NewEncoder(os.Stdout)
	switch os.Args[1] {
	case "flags":
		var flags []flagOut
		fs.VisitAll(func(f *pflag.Flag) {
			flags = append(flags, flagOut{Name: f.Name, Shorthand: f.Shorthand, Type: f.Value.Type(), Bool: f.NoOptDefVal != "", Deprecated: f.Deprecated != "", Hidden: f.Hidden})
		})
		sort.Slice(flags, func(i, j int) bool { return flags[i].Name < flags[j].Name })
		if err := encoder.Encode(flags); err != nil {
			panic(err)
		}
	case "check":
		var lines [][]string
		if err := json.NewDecoder(os.Stdin).Decode(&lines); err != nil {
			fmt.Fprintln(os.Stderr, "command lines:", err)
			os.Exit(2)
		}
		answers := make([]string, 0, len(lines))
		// One command for every line: NewAPIServerCommand sets up the process's signal handler and can run once.
		// The lines ask only whether flags parse (names, dashes, missing values), which no earlier value changes.
		command.SetOut(devNull{})
		command.SetErr(devNull{})
		for _, args := range lines {
			err := command.ParseFlags(args)
			if err == nil {
				answers = append(answers, "")
			} else {
				answers = append(answers, err.Error())
			}
		}
		if err := encoder.Encode(answers); err != nil {
			panic(err)
		}
	}
}

type devNull struct{}

func (devNull) Write(p []byte) (int, error) { return len(p), nil }
