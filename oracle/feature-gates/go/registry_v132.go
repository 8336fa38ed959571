// 1.32: the registry moved to k8s.io/component-base/featuregate; the effective version is
// k8s.io/component-base/version's DefaultKubeEffectiveVersion (apiserver server_run_options.go NewServerRunOptions).
package main

import (
	"k8s.io/component-base/featuregate"
	utilversion "k8s.io/component-base/version"
)

func newKubeRegistry(gate featuregate.MutableVersionedFeatureGate) componentRegistry {
	registry := featuregate.NewComponentGlobalsRegistry()
	if err := registry.Register(featuregate.DefaultKubeComponent, utilversion.DefaultKubeEffectiveVersion(), gate); err != nil {
		panic(err)
	}
	return registry
}
