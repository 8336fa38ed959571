// 1.26 and later: the commands add k8s.io/component-base/logs/api/v1's gates in init, and two packages both
// commands import add k8s.io/component-base/metrics/features' gates in theirs (kube-apiserver:
// k8s.io/apiserver/pkg/server config.go; the kubelet: k8s.io/kubernetes/pkg/kubelet/server server.go). Those
// packages are heavy to build, so their one registration line is repeated here.
package main

import (
	utilfeature "k8s.io/apiserver/pkg/util/feature"
	logsapi "k8s.io/component-base/logs/api/v1"
	metricsfeatures "k8s.io/component-base/metrics/features"
)

func setUp() {
	if err := logsapi.AddFeatureGates(utilfeature.DefaultMutableFeatureGate); err != nil {
		panic(err)
	}
	if err := metricsfeatures.AddFeatureGates(utilfeature.DefaultMutableFeatureGate); err != nil {
		panic(err)
	}
}
