// Releases whose main is `cli.Run(app.NewAPIServerCommand())`: component-base/cli run.go sets the
// WordSepNormalizeFunc ('_' reads as '-') on the command.
package main

import (
	"github.com/spf13/cobra"
	cliflag "k8s.io/component-base/cli/flag"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

func newCommand() *cobra.Command {
	command := app.NewAPIServerCommand()
	command.SetGlobalNormalizationFunc(cliflag.WordSepNormalizeFunc)
	return command
}
