// A real OpenTelemetry Collector built from the Collector's own Go modules with the factories tracing pipelines
// use (components.go), as the builder's generated main does (cmd/builder templates/main.go.tmpl; the resolver's
// providers per release in resolver_*.go). `<binary> validate --config <file>` is the real Collector's validate.
// `<binary> kube-tracing-dump` prints, for each registered type, its factory's stability per signal and the keys
// of its default config (dump.go): the data the generator writes into schemas/collector/.
package main

import (
	"os"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/otelcol"
)

// version is set at build time (-ldflags -X main.version=…).
var version = "dev"

func main() {
	if len(os.Args) > 1 && os.Args[1] == "kube-tracing-dump" {
		dump()
		return
	}
	settings := otelcol.CollectorSettings{
		BuildInfo:              component.BuildInfo{Command: "otelcol-kube-tracing", Description: "kube-tracing's oracle Collector", Version: version},
		Factories:              factories,
		ConfigProviderSettings: configProviderSettings(), // resolver_*.go
	}
	if err := otelcol.NewCommand(settings).Execute(); err != nil {
		exit(err) // exit_*.go: the trailer the builder's main printed up to v0.143, or none
	}
}
