// 1.33 and later: k8s.io/component-base/compatibility's registry with the build's effective version
// (k8s.io/apiserver/pkg/util/compatibility DefaultBuildEffectiveVersion, from the version the binary is built as).
package main

import (
	"k8s.io/apiserver/pkg/util/compatibility"
	basecompatibility "k8s.io/component-base/compatibility"
	"k8s.io/component-base/featuregate"
)

func newKubeRegistry(gate featuregate.MutableVersionedFeatureGate) componentRegistry {
	registry := basecompatibility.NewComponentGlobalsRegistry()
	if err := registry.Register(basecompatibility.DefaultKubeComponent, compatibility.DefaultBuildEffectiveVersion(), gate); err != nil {
		panic(err)
	}
	return registry
}
