package main

import (
	"reflect"

	"go.opentelemetry.io/collector/otelcol"
)

// factories builds the Collector's factory maps from the lists that build.mjs generates into
// components_gen.go for each release (the tracing pipelines' components that the release's modules provide).
func factories() (otelcol.Factories, error) {
	var f otelcol.Factories
	fill(reflect.ValueOf(&f.Receivers).Elem(), receivers)
	fill(reflect.ValueOf(&f.Processors).Elem(), processors)
	fill(reflect.ValueOf(&f.Exporters).Elem(), exporters)
	fill(reflect.ValueOf(&f.Connectors).Elem(), connectors)
	fill(reflect.ValueOf(&f.Extensions).Elem(), extensions)
	setTelemetry(&f) // components_gen.go: otelconftelemetry from the release that has Factories.Telemetry, as the builder does
	return f, nil
}

// fill builds a factory map keyed by each factory's type and, as otelcol.MakeFactoryMap does from v0.144 on, by its
// deprecated alias (reflection keeps one source for releases whose map helpers differ).
func fill[F any](target reflect.Value, list []F) {
	m := reflect.MakeMap(target.Type())
	for _, factory := range list {
		value := reflect.ValueOf(factory)
		m.SetMapIndex(value.MethodByName("Type").Call(nil)[0], value)
		if alias := value.MethodByName("DeprecatedAlias"); alias.IsValid() {
			if key := alias.Call(nil)[0]; key.MethodByName("String").Call(nil)[0].String() != "" {
				m.SetMapIndex(key, value)
			}
		}
	}
	target.Set(m)
}
