// The real API server of the real-pipeline test (oracle/pipeline/run.mjs): k8s.io/sample-apiserver's wardle
// server, i.e. the generic API server of k8s.io/apiserver serving the wardle.example.com API (flunders, fischers),
// storing in etcd and tracing with --tracing-config-file. It is the module's own server, started the module's own
// way (server.NewCommandStartWardleServer); only what needs a kube-apiserver beside it is left out:
//   - delegated authentication and authorization (TokenReview and SubjectAccessReview against a kube-apiserver):
//     with neither, the generic server's handler chain skips both filters;
//   - API priority and fairness (its FlowSchemas live in a kube-apiserver);
//   - the admission plugins that watch core API objects (namespaces, webhook and policy configurations). The
//     sample's own BanFlunder plugin stays: it lists fischers through the server's own informers.
// The core API client that admission requires is pointed (--kubeconfig) at this server itself.
package main

import (
	"os"

	genericapiserver "k8s.io/apiserver/pkg/server"
	"k8s.io/component-base/cli"
	"k8s.io/sample-apiserver/pkg/cmd/server"
)

// The admission plugins NewAdmissionOptions recommends (k8s.io/apiserver pkg/server/options/admission.go), each of
// which waits for informers of the core API.
var coreAPIAdmissionPlugins = []string{
	"NamespaceLifecycle",
	"MutatingAdmissionPolicy",
	"MutatingAdmissionWebhook",
	"ValidatingAdmissionPolicy",
	"ValidatingAdmissionWebhook",
}

func main() {
	ctx := genericapiserver.SetupSignalContext()
	options := server.NewWardleServerOptions(os.Stdout, os.Stderr)
	recommended := options.RecommendedOptions
	recommended.Authentication = nil
	recommended.Authorization = nil
	recommended.Features.EnablePriorityAndFairness = false
	for _, plugin := range coreAPIAdmissionPlugins {
		recommended.Admission.DefaultOffPlugins.Insert(plugin)
	}
	os.Exit(cli.Run(server.NewCommandStartWardleServer(ctx, options, false)))
}
