module kube-tracing/oracle/etcd/flagsource

go 1.24
