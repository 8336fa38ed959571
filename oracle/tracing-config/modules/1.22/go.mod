module kube-tracing/oracle/tracing-config

go 1.16

require k8s.io/apiserver v0.22.17
