// Releases from 1.31: versioned gate specs (featuregate.VersionedSpecs), judged at the emulated version; the
// --feature-gates and --emulated-version flags belong to the component globals registry, whose Set() applies
// them after flag parsing (cmd/kube-apiserver/app/server.go PersistentPreRunE), so pflag does not wrap its errors;
// its Validate() (emulation version range, the gates at it) runs with the other options' before start-up.
package main

import (
	"io"

	"github.com/spf13/pflag"
	utilerrors "k8s.io/apimachinery/pkg/util/errors"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/component-base/featuregate"
	_ "k8s.io/kubernetes/pkg/features"
)

type componentRegistry interface {
	AddFlags(fs *pflag.FlagSet)
	Set() error
	Validate() []error
}

func registry() []gateOut {
	gate := utilfeature.DefaultMutableFeatureGate.DeepCopy()
	// The gate judges at its emulation version; register it like kube-apiserver does so that it is the binary's.
	newKubeRegistry(gate)
	current := gate.GetAll()
	var dependencies map[featuregate.Feature][]featuregate.Feature
	if withDependencies, ok := any(gate).(interface {
		Dependencies() map[featuregate.Feature][]featuregate.Feature
	}); ok {
		dependencies = withDependencies.Dependencies()
	}
	var gates []gateOut
	for name, specs := range gate.GetAllVersioned() {
		out := gateOut{Name: string(name)}
		if spec, ok := current[name]; ok {
			out.Stage, out.Default, out.Locked = stageName(string(spec.PreRelease)), spec.Default, spec.LockToDefault
		} else {
			out.Stage = "pre-alpha"
		}
		for _, spec := range specs {
			version := ""
			if spec.Version != nil {
				version = spec.Version.String()
			}
			out.Specs = append(out.Specs, specOut{Version: version, Stage: stageName(string(spec.PreRelease)), Default: spec.Default, Locked: spec.LockToDefault, MinCompatibility: minCompatibilityOf(spec)})
		}
		for _, dependency := range dependencies[name] {
			out.Depends = append(out.Depends, string(dependency))
		}
		gates = append(gates, out)
	}
	return gates
}

func checkApiserver(args []string) (error, error) {
	fs := pflag.NewFlagSet("kube-apiserver", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	components := newKubeRegistry(utilfeature.DefaultMutableFeatureGate.DeepCopy())
	components.AddFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err, err
	}
	if err := components.Set(); err != nil {
		return err, err
	}
	// kube-apiserver validates its options (the registry's among them) before it starts: RunE's
	// completedOptions.Validate(), aggregated. Only the registry's part is asked here.
	err := utilerrors.NewAggregate(components.Validate())
	return err, err
}

func checkKubelet(m map[string]bool) error {
	return utilfeature.DefaultMutableFeatureGate.DeepCopy().SetFromMap(m)
}
