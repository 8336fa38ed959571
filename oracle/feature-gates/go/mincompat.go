// From 1.35 a FeatureSpec may carry a MinCompatibilityVersion: the spec applies only when the component's min
// compatibility version is at least that (featureSpecAtEmulationAndMinCompatVersion).
package main

import "k8s.io/component-base/featuregate"

func minCompatibilityOf(spec featuregate.FeatureSpec) string {
	if spec.MinCompatibilityVersion == nil {
		return ""
	}
	return spec.MinCompatibilityVersion.String()
}
