// The etcd server of one release, built from go.etcd.io/etcd/server/v3 (the version is pinned by the
// -modfile the oracle builds with: mods/<version>.mod). It is etcd's own main (etcdmain.Main) and nothing else,
// except that with KUBE_TRACING_ORACLE=flags it prints the flag set etcd parses its command line with, as JSON
// (read through flagset_oracle.go, which the build overlays into etcdmain; see ../build.mjs).
package main

import (
	"encoding/json"
	"flag"
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

type flagInfo struct {
	Name    string `json:"name"`
	Bool    bool   `json:"bool"`
	Default string `json:"default"`
	Usage   string `json:"usage"`
}

func main() {
	if os.Getenv("KUBE_TRACING_ORACLE") == "flags" {
		var list []flagInfo
		etcdmain.KubeTracingOracleFlagSet().VisitAll(func(f *flag.Flag) {
			b, ok := f.Value.(interface{ IsBoolFlag() bool })
			list = append(list, flagInfo{Name: f.Name, Bool: ok && b.IsBoolFlag(), Default: f.DefValue, Usage: f.Usage})
		})
		out := json.NewEncoder(os.Stdout)
		out.SetIndent("", " ")
		if err := out.Encode(list); err != nil {
			os.Exit(1)
		}
		return
	}
	etcdmain.Main(os.Args)
}
