module kube-tracing/oracle/neturl

go 1.16
