// helm-render renders the opentelemetry-collector chart with Helm's own code (helm.sh/helm/v3: the chart loader,
// values coalescing with `null` deleting a default, the template engine) and prints the Collector config the chart
// puts in its ConfigMap (`data.relay`), as JSON, for each values file given.
//
//	helm-render <chart dir> <values file>...   → {"<values file>": {"config": {...}} | {"error": "..."}}
//
// The release is rendered as `helm install --dry-run` would (IsInstall, release name "otel", namespace "default",
// Helm's default capabilities); values are checked against the chart's values.schema.json by ToRenderValues.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"
	"sigs.k8s.io/yaml"
)

type result struct {
	Config any    `json:"config,omitempty"`
	Kind   string `json:"configMapTemplate,omitempty"`
	Error  string `json:"error,omitempty"`
}

func render(chartDir, valuesFile string) result {
	chart, err := loader.Load(chartDir)
	if err != nil {
		return result{Error: "load chart: " + err.Error()}
	}
	values, err := chartutil.ReadValuesFile(valuesFile)
	if err != nil {
		return result{Error: "read values: " + err.Error()}
	}
	options := chartutil.ReleaseOptions{Name: "otel", Namespace: "default", Revision: 1, IsInstall: true}
	renderValues, err := chartutil.ToRenderValues(chart, values, options, chartutil.DefaultCapabilities)
	if err != nil {
		return result{Error: "values: " + err.Error()}
	}
	rendered, err := engine.Render(chart, renderValues)
	if err != nil {
		return result{Error: "render: " + err.Error()}
	}
	for name, text := range rendered {
		if !strings.Contains(name, "/templates/configmap") || strings.TrimSpace(text) == "" {
			continue
		}
		var configMap struct {
			Kind string            `json:"kind"`
			Data map[string]string `json:"data"`
		}
		if err := yaml.Unmarshal([]byte(text), &configMap); err != nil {
			return result{Error: name + ": " + err.Error()}
		}
		relay, ok := configMap.Data["relay"]
		if configMap.Kind != "ConfigMap" || !ok {
			continue
		}
		var config any
		if err := yaml.Unmarshal([]byte(relay), &config); err != nil {
			return result{Error: name + " data.relay: " + err.Error()}
		}
		return result{Config: config, Kind: name[strings.LastIndex(name, "/")+1:]}
	}
	return result{Error: "no ConfigMap with data.relay rendered"}
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: helm-render <chart dir> <values file>...")
		os.Exit(2)
	}
	out := map[string]result{}
	for _, file := range os.Args[2:] {
		out[file] = render(os.Args[1], file)
	}
	encoded, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(string(encoded))
}
