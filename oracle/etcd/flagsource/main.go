// Reads the flag names an etcd release registers from its source, for the patch releases the oracle does not
// build (the first patch release each flag appeared in). Usage: flagsource <etcd server module dir>.
// It parses etcdmain/config.go and embed/config.go with go/parser and collects the name argument (a literal or a
// constant of the file) of every `fs.<Something>Var(value, "name", …)` and `….AddFlag(fs, name)` call,
// plus the names of the package-level `ignored` list etcd registers in a loop, and the warnings etcdmain's
// `deprecatedFlags` logs for explicitly set deprecated flags.
// The oracle checks this reading against the flag sets of the releases it builds, so a registration this
// reading misses fails the run instead of going unnoticed.
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: flagsource <etcd server module dir>")
		os.Exit(2)
	}
	names := map[string]bool{}
	deprecated := map[string]string{}
	for _, file := range []string{"etcdmain/config.go", "embed/config.go"} {
		path := filepath.Join(os.Args[1], file)
		tree, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		consts := stringConsts(tree)
		ast.Inspect(tree, func(node ast.Node) bool {
			switch n := node.(type) {
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok || len(n.Args) < 2 {
					return true
				}
				// fs.BoolVar(&v, "name", …), fs.Var(value, "name", …)
				if recv, ok := sel.X.(*ast.Ident); ok && recv.Name == "fs" && strings.HasSuffix(sel.Sel.Name, "Var") {
					if name, ok := nameOf(n.Args[1], consts); ok {
						names[name] = true
					}
				}
				// featureGate.AddFlag(fs, ServerFeatureGateFlagName) registers --feature-gates (3.6+)
				if arg, ok := n.Args[0].(*ast.Ident); ok && arg.Name == "fs" && sel.Sel.Name == "AddFlag" {
					if name, ok := nameOf(n.Args[1], consts); ok {
						names[name] = true
					}
				}
			case *ast.ValueSpec: // var ( ignored = []string{…}; deprecatedFlags = map[string]…{…} )
				for i, ident := range n.Names {
					if ident.Name == "deprecatedFlags" && i < len(n.Values) {
						readDeprecated(n.Values[i], consts, deprecated)
					}
					if ident.Name == "ignored" && i < len(n.Values) {
						if list, ok := n.Values[i].(*ast.CompositeLit); ok {
							for _, elt := range list.Elts {
								if name, ok := stringLit(elt); ok {
									names[name] = true
								}
							}
						}
					}
				}
			}
			return true
		})
	}
	list := make([]string, 0, len(names))
	for name := range names {
		list = append(list, name)
	}
	sort.Strings(list)
	_ = json.NewEncoder(os.Stdout).Encode(struct {
		Flags      []string          `json:"flags"`
		Deprecated map[string]string `json:"deprecated"`
	}{list, deprecated})
}

// readDeprecated reads etcdmain's deprecatedFlags: map[string]string{name: warning} (3.6+), or
// map[string]struct{}{name: {}} whose warning is fmt.Sprintf(deprecatedWarningMessage, name) (3.5.x).
func readDeprecated(expr ast.Expr, consts map[string]string, into map[string]string) {
	list, ok := expr.(*ast.CompositeLit)
	if !ok {
		return
	}
	for _, elt := range list.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		name, ok := stringLit(kv.Key)
		if !ok {
			continue
		}
		if message, ok := stringLit(kv.Value); ok {
			into[name] = message
		} else if format, ok := consts["deprecatedWarningMessage"]; ok {
			into[name] = fmt.Sprintf(format, name)
		}
	}
}

// stringConsts: the file's constants with a string literal value (flag names etcd keeps in constants).
func stringConsts(tree *ast.File) map[string]string {
	consts := map[string]string{}
	for _, decl := range tree.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.CONST {
			continue
		}
		for _, spec := range gen.Specs {
			value := spec.(*ast.ValueSpec)
			for i, ident := range value.Names {
				if i < len(value.Values) {
					if text, ok := stringLit(value.Values[i]); ok {
						consts[ident.Name] = text
					}
				}
			}
		}
	}
	return consts
}

func nameOf(expr ast.Expr, consts map[string]string) (string, bool) {
	if ident, ok := expr.(*ast.Ident); ok {
		name, found := consts[ident.Name]
		return name, found
	}
	return stringLit(expr)
}

func stringLit(expr ast.Expr) (string, bool) {
	lit, ok := expr.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	value, err := strconv.Unquote(lit.Value)
	return value, err == nil
}
