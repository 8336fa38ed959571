// 1.31: the registry is k8s.io/apiserver/pkg/util/version's; kube-apiserver registers the kube component with
// DefaultKubeEffectiveVersion (apiserver pkg/server/options/server_run_options.go NewServerRunOptions).
package main

import (
	utilversion "k8s.io/apiserver/pkg/util/version"
	"k8s.io/component-base/featuregate"
)

func newKubeRegistry(gate featuregate.MutableVersionedFeatureGate) componentRegistry {
	registry := utilversion.NewComponentGlobalsRegistry()
	if err := registry.Register(utilversion.DefaultKubeComponent, utilversion.DefaultKubeEffectiveVersion(), gate); err != nil {
		panic(err)
	}
	return registry
}
