// Releases before 1.31: one FeatureSpec per gate, --feature-gates is featureGate.AddFlag's pflag value.
package main

import (
	"io"
	"reflect"
	"sync/atomic"
	"unsafe"

	"github.com/spf13/pflag"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/component-base/featuregate"
	_ "k8s.io/kubernetes/pkg/features"
)

// knownSpecs reads the gate's registry. Most of these releases offer no accessor for it (GetAll came late), so
// the unexported `known` field is read directly: an *atomic.Value up to 1.2x, an atomic.Value later.
func knownSpecs(gate featuregate.MutableFeatureGate) map[featuregate.Feature]featuregate.FeatureSpec {
	field := reflect.ValueOf(gate).Elem().FieldByName("known")
	var value *atomic.Value
	if field.Kind() == reflect.Ptr {
		value = (*atomic.Value)(unsafe.Pointer(field.Pointer()))
	} else {
		value = (*atomic.Value)(unsafe.Pointer(field.UnsafeAddr()))
	}
	return value.Load().(map[featuregate.Feature]featuregate.FeatureSpec)
}

func registry() []gateOut {
	var gates []gateOut
	for name, spec := range knownSpecs(utilfeature.DefaultMutableFeatureGate) {
		gates = append(gates, gateOut{Name: string(name), Stage: stageName(string(spec.PreRelease)), Default: spec.Default, Locked: spec.LockToDefault})
	}
	return gates
}

// checkApiserver parses the command line as kube-apiserver's flag set does for --feature-gates: pflag calls
// Set for each occurrence and wraps its error. The second copy repeats the Set calls to get featuregate's own error.
func checkApiserver(args []string) (error, error) {
	fs := pflag.NewFlagSet("kube-apiserver", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	gate := utilfeature.DefaultMutableFeatureGate.DeepCopy()
	gate.AddFlag(fs)
	full := fs.Parse(args)
	if full == nil {
		return nil, nil
	}
	bare := utilfeature.DefaultMutableFeatureGate.DeepCopy()
	values := pflag.NewFlagSet("values", pflag.ContinueOnError)
	values.SetOutput(io.Discard)
	occurrences := values.StringArray("feature-gates", nil, "")
	_ = values.Parse(args)
	for _, value := range *occurrences {
		if err := bare.Set(value); err != nil {
			return full, err
		}
	}
	return full, full
}

func checkKubelet(m map[string]bool) error {
	return utilfeature.DefaultMutableFeatureGate.DeepCopy().SetFromMap(m)
}
