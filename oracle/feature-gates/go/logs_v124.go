// 1.24: cmd/kube-apiserver/app/server.go and cmd/kubelet/app/server.go add component-base/logs' gates in init.
package main

import (
	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/component-base/logs"
)

func setUp() {
	if err := logs.AddFeatureGates(utilfeature.DefaultMutableFeatureGate); err != nil {
		panic(err)
	}
}
