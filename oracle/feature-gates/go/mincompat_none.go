// Before 1.35 a FeatureSpec has no MinCompatibilityVersion.
package main

import "k8s.io/component-base/featuregate"

func minCompatibilityOf(featuregate.FeatureSpec) string { return "" }
