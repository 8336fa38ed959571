package main

import (
	"encoding"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"time"
)

// A config key as docs/collector-data-format.md describes it.
type field struct {
	Type   string            `json:"type"`
	Keys   map[string]*field `json:"keys,omitempty"`
	Values *field            `json:"values,omitempty"`
	Items  *field            `json:"items,omitempty"`
}

type dumped struct {
	Kind      string            `json:"kind"`
	Type      string            `json:"type"`
	AliasOf   string            `json:"aliasOf,omitempty"`
	Stability map[string]string `json:"stability"`
	GoType    string            `json:"goType"`
	Keys      map[string]*field `json:"keys"`
}

func dump() {
	f, _ := factories()
	var out []dumped
	for kind, m := range map[string]any{"receiver": f.Receivers, "processor": f.Processors, "exporter": f.Exporters, "connector": f.Connectors, "extension": f.Extensions} {
		it := reflect.ValueOf(m).MapRange()
		for it.Next() {
			key := fmt.Sprint(it.Key().Interface())
			factory := it.Value().Elem()
			own := fmt.Sprint(factory.MethodByName("Type").Call(nil)[0].Interface())
			cfg := factory.MethodByName("CreateDefaultConfig").Call(nil)[0].Elem()
			t := cfg.Type()
			for t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
			// mapstructure ≥ v2.5.0 names the struct as reflect prints it, without the pointer: 'debugexporter.Config'.
			d := dumped{Kind: kind, Type: key, Stability: stability(factory), GoType: t.String()}
			if own != key {
				d.AliasOf = own
			}
			if t.Kind() == reflect.Struct {
				d.Keys = map[string]*field{}
				structKeys(t, d.Keys, map[reflect.Type]bool{}, true)
			}
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kind+"/"+out[i].Type < out[j].Kind+"/"+out[j].Type })
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetIndent("", " ")
	_ = encoder.Encode(out)
}

// stability calls every method of the factory named …Stability (TracesStability, TracesToMetricsStability,
// Stability for extensions; …ReceiverStability and the like in older releases) and keeps the signals it supports.
func stability(factory reflect.Value) map[string]string {
	levels := map[string]string{}
	t := factory.Type()
	for i := 0; i < t.NumMethod(); i++ {
		name := t.Method(i).Name
		if !strings.HasSuffix(name, "Stability") || factory.Method(i).Type().NumIn() != 0 {
			continue
		}
		level := fmt.Sprint(factory.Method(i).Call(nil)[0].Interface())
		if level == "" || level == "Undefined" {
			continue
		}
		signal := strings.TrimSuffix(name, "Stability")
		for _, suffix := range []string{"Receiver", "Processor", "Exporter", "Connector"} {
			signal = strings.TrimSuffix(signal, suffix)
		}
		if signal == "" {
			signal = "extension"
		}
		signal = strings.ToLower(strings.ReplaceAll(signal, "To", "->"))
		levels[signal] = strings.ToLower(level)
	}
	return levels
}

var (
	durationType        = reflect.TypeOf(time.Duration(0))
	textUnmarshalerType = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()
)

// hasMethod: the type or its pointer has a method of that name (confmap.Unmarshaler is `Unmarshal(*confmap.Conf)`).
func hasMethod(t reflect.Type, name string) bool {
	if _, ok := t.MethodByName(name); ok {
		return true
	}
	_, ok := reflect.PointerTo(t).MethodByName(name)
	return ok
}

// structKeys adds the mapstructure keys of a struct: `mapstructure:"name"`, `,squash` fields inlined, `-` skipped,
// untagged exported fields under their Go name (confmap matches names case-sensitively).
func structKeys(t reflect.Type, keys map[string]*field, seen map[reflect.Type]bool, top bool) {
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("mapstructure")
		name, options, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if strings.Contains(options, "squash") {
			inner := sf.Type
			for inner.Kind() == reflect.Pointer {
				inner = inner.Elem()
			}
			if inner.Kind() == reflect.Struct {
				structKeys(inner, keys, seen, false)
			}
			continue
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		keys[name] = describe(sf.Type, seen)
	}
}

func describe(t reflect.Type, seen map[reflect.Type]bool) *field {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == durationType {
		return &field{Type: "duration"}
	}
	// configoptional.Optional[T] decodes into its T (a custom Unmarshal that keeps T's keys).
	if t.Kind() == reflect.Struct && strings.HasSuffix(t.PkgPath(), "configoptional") && strings.HasPrefix(t.Name(), "Optional[") {
		if inner, ok := t.FieldByName("value"); ok {
			return describe(inner.Type, seen)
		}
	}
	if reflect.PointerTo(t).Implements(textUnmarshalerType) || t.Implements(textUnmarshalerType) {
		return &field{Type: "string"}
	}
	switch t.Kind() {
	case reflect.String:
		return &field{Type: "string"}
	case reflect.Bool:
		return &field{Type: "bool"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return &field{Type: "int"}
	case reflect.Float32, reflect.Float64:
		return &field{Type: "float"}
	case reflect.Map:
		return &field{Type: "map", Values: describe(t.Elem(), seen)}
	case reflect.Slice, reflect.Array:
		return &field{Type: "list", Items: describe(t.Elem(), seen)}
	case reflect.Struct:
		// A nested struct with its own Unmarshal may accept keys it does not declare: no key check below it.
		if seen[t] || hasMethod(t, "Unmarshal") {
			return &field{Type: "any"}
		}
		seen[t] = true
		defer delete(seen, t)
		keys := map[string]*field{}
		structKeys(t, keys, seen, false)
		return &field{Type: "object", Keys: keys}
	}
	return &field{Type: "any"}
}
