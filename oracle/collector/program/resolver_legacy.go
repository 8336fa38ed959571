//go:build legacyresolver

package main

import "go.opentelemetry.io/collector/otelcol"

// Releases before confmap's ProviderFactories: an empty setting makes otelcol use its defaults (file, env, yaml,
// http, https providers and the expand converter), as the builder's generated main of those releases did.
func configProviderSettings() otelcol.ConfigProviderSettings { return otelcol.ConfigProviderSettings{} }
