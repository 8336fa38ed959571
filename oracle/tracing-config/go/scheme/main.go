// Command scheme lists what the scheme of --tracing-config-file registers: kube-apiserver decodes the file with a
// scheme that k8s.io/apiserver/pkg/apis/apiserver/install.Install fills (pkg/server/options/tracing.go from 1.25,
// pkg/tracing/config.go in 1.22–1.24), so a document naming any of these group/version/kinds decodes into that
// type before conversion to TracingConfiguration is tried. For each registered kind it prints the Go type (as
// the conversion error names it, package.Type) and the JSON names of its top-level fields (whose values the
// decoder reads into that type, so a wrong type there fails first). Output: JSON on stdout.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"

	k8sruntime "k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apiserver/pkg/apis/apiserver/install"
)

type kind struct {
	Group   string   `json:"group"`
	Version string   `json:"version"`
	Kind    string   `json:"kind"`
	GoType  string   `json:"goType"`
	Package string   `json:"package"`
	Fields  []string `json:"fields"`
}

func main() {
	scheme := k8sruntime.NewScheme()
	install.Install(scheme)
	var kinds []kind
	for gvk, t := range scheme.AllKnownTypes() {
		kinds = append(kinds, kind{
			Group: gvk.Group, Version: gvk.Version, Kind: gvk.Kind,
			GoType: t.String(), Package: t.PkgPath(),
			Fields: jsonFields(t, map[reflect.Type]bool{}),
		})
	}
	sort.Slice(kinds, func(i, j int) bool {
		a, b := kinds[i], kinds[j]
		if a.Group != b.Group {
			return a.Group < b.Group
		}
		if a.Version != b.Version {
			return a.Version < b.Version
		}
		return a.Kind < b.Kind
	})
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(kinds); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}

// jsonFields: the names encoding/json gives the exported fields of a struct, embedded structs without a name inlined.
func jsonFields(t reflect.Type, seen map[reflect.Type]bool) []string {
	if t.Kind() == reflect.Ptr {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] {
		return nil
	}
	seen[t] = true
	names := []string{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name := strings.Split(tag, ",")[0]
		ft := f.Type
		if ft.Kind() == reflect.Ptr {
			ft = ft.Elem()
		}
		if f.Anonymous && name == "" && ft.Kind() == reflect.Struct {
			names = append(names, jsonFields(ft, seen)...)
			continue
		}
		if f.PkgPath != "" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
