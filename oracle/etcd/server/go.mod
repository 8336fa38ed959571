module kube-tracing/oracle/etcd/server

go 1.24
