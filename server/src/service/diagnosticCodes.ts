/**
 * Every diagnostic code kube-tracing reports, with its severity and what it means: the one list the README's
 * table is generated from (`node scripts/readme-codes.mjs`) and that test/unit/service/diagnostic-codes.test.ts
 * holds the rules to (every code they emit is here, with that severity). A new rule adds its code here.
 */

export type SeverityName = 'Error' | 'Warning' | 'Information';

export interface DiagnosticCodeEntry {
  code: string;
  /** The severities the code is reported with (several where it depends on the version or the setting). */
  severities: readonly SeverityName[];
  /** How the README words the severity when it is not a single one, e.g. "Error from 1.32, else Warning". */
  severityText?: string;
  summary: string;
}

export const DIAGNOSTIC_CODES: readonly DiagnosticCodeEntry[] = [
  { code: 'tracing-config/wrong-group', severities: ['Error'], summary: "The apiVersion's group is not `apiserver.config.k8s.io`." },
  {
    code: 'tracing-config/api-version-unparsable',
    severities: ['Error'],
    summary: 'An apiVersion that is not group/version (`unexpected GroupVersion string: …`): the file cannot be decoded.',
  },
  {
    code: 'tracing-config/api-version-not-served',
    severities: ['Error'],
    summary: 'The apiVersion is not served by this Kubernetes version (v1alpha1 from 1.22, v1beta1 from 1.27, v1 from 1.34).',
  },
  { code: 'tracing-config/wrong-kind', severities: ['Error'], summary: 'The kind is not `TracingConfiguration`.' },
  {
    code: 'tracing-config/other-kind',
    severities: ['Error'],
    summary:
      "The file is another kind kube-apiserver's config scheme registers (EgressSelectorConfiguration, ...): decoded as that kind, it has no conversion to TracingConfiguration.",
  },
  {
    code: 'tracing-config/excessive-aliasing',
    severities: ['Error'],
    summary: 'YAML aliases expand to far more nodes than the file holds: go-yaml refuses the document (an alias bomb).',
  },
  { code: 'tracing-config/null-key', severities: ['Error'], summary: 'A null mapping key (`~: 1`): the file cannot be converted to JSON.' },
  { code: 'tracing-config/sampling-rate-negative', severities: ['Error'], summary: '`samplingRatePerMillion` below 0.' },
  { code: 'tracing-config/sampling-rate-too-large', severities: ['Error'], summary: '`samplingRatePerMillion` above 1000000.' },
  {
    code: 'tracing-config/sampling-rate-wrong-type',
    severities: ['Error'],
    summary:
      '`samplingRatePerMillion` is not an int32 (a string, float, bool, map, list, or beyond int32): a decode error in every version.',
  },
  {
    code: 'tracing-config/endpoint-wrong-type',
    severities: ['Error'],
    summary: '`endpoint` is not a string (a number, a YAML 1.1 bool such as `on`, a map, a list).',
  },
  {
    code: 'tracing-config/not-a-mapping',
    severities: ['Error'],
    summary: 'A document of a tracing config file that is a list or a scalar, not a mapping.',
  },
  {
    code: 'tracing-config/type-meta-not-string',
    severities: ['Error'],
    summary: '`apiVersion` or `kind` is not a string: the decoder cannot read the version/kind.',
  },
  { code: 'tracing-config/unrepresentable-value', severities: ['Error'], summary: 'A YAML value JSON cannot hold (`.inf`, `.nan`).' },
  {
    code: 'tracing-config/json-syntax',
    severities: ['Error'],
    summary:
      "A file that starts with `{` is read as JSON (a YAML flow mapping too) and is not valid JSON: Go's `encoding/json` syntax error.",
  },
  {
    code: 'tracing-config/ignored-without-api-version',
    severities: ['Warning'],
    summary:
      'Without `apiVersion`, Kubernetes 1.22–1.26 decode into the internal type and silently ignore `endpoint` and `samplingRatePerMillion` (only `Endpoint` and `SamplingRatePerMillion` are read).',
  },
  {
    code: 'tracing-config/ignored-document',
    severities: ['Information'],
    summary: 'A document after the first in a tracing config file: kube-apiserver reads only the first.',
  },
  {
    code: 'tracing-config/unknown-field',
    severities: ['Error', 'Warning'],
    severityText: 'Error from 1.32, else Warning',
    summary:
      'A field TracingConfiguration does not have (names are case-sensitive: `Endpoint` is unknown). Before 1.32 kube-apiserver silently ignores it.',
  },
  {
    code: 'tracing-config/duplicate-field',
    severities: ['Error', 'Warning'],
    severityText: 'Error from 1.32, else Warning',
    summary: 'A key set twice. Before 1.32 the last value silently wins (and is the one checked).',
  },
  {
    code: 'tracing-config/endpoint-unparsable',
    severities: ['Error'],
    summary:
      "Go's `url.Parse` refuses the (`dns://`-prefixed) endpoint: invalid port, invalid character in host name, invalid URL escape, missing `]`, control character, missing protocol scheme…",
  },
  {
    code: 'tracing-config/unsupported-scheme',
    severities: ['Error'],
    summary: "The endpoint's scheme is not `dns`, `unix` or `unix-abstract` (e.g. `http://…`: OTLP gRPC wants `host:port`).",
  },
  {
    code: 'tracing-config/endpoint-toolchain-dependent',
    severities: ['Warning'],
    summary:
      'Refused only by the Go patch releases some patch releases of this Kubernetes minor are built with (bracketed hosts: CVE-2025-47912, CVE-2026-25679).',
  },
  {
    code: 'tracing-config/endpoint-port-out-of-range',
    severities: ['Warning'],
    summary: 'Accepted, but a port above 65535 cannot be connected to.',
  },
  { code: 'tracing-config/endpoint-empty', severities: ['Warning'], summary: 'Accepted, but an empty gRPC target exports nowhere.' },
  {
    code: 'tracing-config/endpoint-without-port',
    severities: ['Information'],
    summary: "An endpoint without a port: gRPC then uses 443 (or cannot dial), not OTLP's 4317.",
  },
  {
    code: 'tracing-config/sampling-rate-parent-only',
    severities: ['Information'],
    summary: 'A rate of 0: only spans whose incoming parent is sampled are recorded.',
  },
  { code: 'tracing-config/endpoint-default', severities: ['Information'], summary: '`endpoint: null`: spans go to `localhost:4317`.' },
  {
    code: 'kube-apiserver/unknown-flag',
    severities: ['Error'],
    summary:
      "A flag this minor's kube-apiserver does not define (`unknown flag: --opentelemetry-config-file`), with the closest known name (`--tracing-confg-file` → `--tracing-config-file`); one dash starts shorthand letters (`unknown shorthand flag: 't' in -tracing-config-file`). Flag lists come from each release's own command (docs/kube-apiserver-flags.md); `--tracing-config-file` before 1.22 too.",
  },
  {
    code: 'kube-apiserver/flag-needs-argument',
    severities: ['Error'],
    summary: '`--tracing-config-file` or `--feature-gates` as the last item with no value.',
  },
  {
    code: 'kube-apiserver/tracing-config-file-empty',
    severities: ['Warning'],
    summary: '`--tracing-config-file=`: accepted, tracing stays off.',
  },
  {
    code: 'kube-apiserver/tracing-gate-off',
    severities: ['Warning'],
    summary: '1.22–1.26: a tracing config file without `APIServerTracing=true` is silently ignored (alpha, off by default).',
  },
  {
    code: 'kube-apiserver/tracing-gate-disabled',
    severities: ['Warning'],
    summary: '1.27–1.33: `APIServerTracing=false` silently turns tracing off (from 1.34 it is `feature-gates/locked`).',
  },
  {
    code: 'kube-apiserver/tracing-config-not-mounted',
    severities: ['Error'],
    summary:
      "No `volumeMounts[].mountPath` of the container covers the flag's path: `tracing-config-file <path> does not exist`. Quick fix: mount that one file read-only (hostPath `type: File`), not its folder.",
  },
  {
    code: 'kube-apiserver/volume-mount-without-volume',
    severities: ['Error'],
    summary: 'The mount holding the file names no volume of the pod (`…volumeMounts[i].name: Not found: "…"`).',
  },
  {
    code: 'kube-apiserver/volume-name-mismatch',
    severities: ['Error'],
    summary: 'On the volume the mount most likely meant (same host path, or the only unmounted one): the names differ.',
  },
  {
    code: 'kube-apiserver/tracing-config-volume-empty',
    severities: ['Error'],
    summary: 'The file is on an `emptyDir` volume, which starts empty.',
  },
  {
    code: 'kube-apiserver/tracing-config-file-problems',
    severities: ['Error', 'Warning'],
    severityText: 'Error or Warning',
    summary:
      "On the flag: the workspace file it mounts (by host path in the manifest's own node tree first, else the nearest by host path, else by file name) fails the TracingConfiguration rules for this apiserver's version; related locations point into the file. Nothing while APIServerTracing is off (the file is never read; its own findings are then Information).",
  },
  {
    code: 'kube-apiserver/tracing-config-file-elsewhere',
    severities: ['Warning'],
    summary:
      "The workspace keeps the node's files (`<node>/etc/kubernetes/…`) and the tracing config found sits elsewhere in that tree than the mount says (e.g. in `manifests/`, where the kubelet reads it as a pod).",
  },
  {
    code: 'kube-apiserver/cluster-dns-endpoint',
    severities: ['Warning'],
    summary:
      "In a config file mounted by a `hostNetwork: true` pod: a `*.svc` / `*.cluster.local` endpoint the node's resolver cannot resolve.",
  },
  {
    code: 'feature-gates/missing-bool-value',
    severities: ['Error'],
    summary: '`--feature-gates` item without `=`: `missing bool value for X`.',
  },
  {
    code: 'feature-gates/invalid-bool-value',
    severities: ['Error'],
    summary: 'A value Go\'s `strconv.ParseBool` refuses: `invalid value of X=Y, err: strconv.ParseBool: parsing "Y": invalid syntax`.',
  },
  {
    code: 'feature-gates/unrecognized',
    severities: ['Error'],
    summary: 'A gate this Kubernetes minor does not register (e.g. `APIServerTracing` on 1.37), with the closest known name.',
  },
  {
    code: 'feature-gates/locked',
    severities: ['Error'],
    summary: 'A GA gate set against its locked default: `cannot set feature gate X to V, feature is locked to D`.',
  },
  { code: 'feature-gates/disabled-dependency', severities: ['Error'], summary: 'From 1.35: an enabled gate whose dependencies are off.' },
  {
    code: 'feature-gates/pre-alpha-at-emulated-version',
    severities: ['Error'],
    summary:
      "With `--emulated-version` (1.31+): a gate newer than the emulated minor (`… feature is PreAlpha at emulated version 1.32`, from 1.35 with `, min compatibility version …`). Gates are judged by the binary's versioned specs at the emulated minor.",
  },
  {
    code: 'feature-gates/component-not-registered',
    severities: ['Error'],
    summary: '1.31+: `--feature-gates=other:X=true`: `component not registered: other` (kube-apiserver registers only `kube`).',
  },
  {
    code: 'feature-gates/mixed-kube-prefix',
    severities: ['Error'],
    summary: '1.31+: `kube:`-prefixed gates mixed with unprefixed ones in `--feature-gates`.',
  },
  {
    code: 'kube-apiserver/emulated-version-out-of-range',
    severities: ['Error'],
    summary: '1.31+: `--emulated-version` outside what the binary accepts (`emulation version 1.30 is not between [1.34, 1.37.0]`).',
  },
  {
    code: 'kube-apiserver/alpha-gates-at-emulated-version',
    severities: ['Information'],
    summary:
      '1.34+: alpha gates on while the binary (a patch release counts) is newer than the emulated version: the warning kube-apiserver logs.',
  },
  {
    code: 'feature-gates/ga-or-deprecated',
    severities: ['Information'],
    summary: 'Setting a GA or deprecated gate: the warning that version logs.',
  },
  {
    code: 'control-plane-pod/undefined-variable-reference',
    severities: ['Warning'],
    summary:
      "`$(VAR)` in a kube-apiserver or etcd container's command/args that no `env` entry of the container defines: Kubernetes passes it as written (`--…-instance-id=$(hostname)` gives every etcd member the ID `$(hostname)`). Quick fix: define it from the Downward API when the name says what it is (hostname → `spec.nodeName`). Silent with `envFrom` or a shell command.",
  },
  {
    code: 'etcd/unknown-flag',
    severities: ['Error'],
    summary: 'A flag this etcd release does not register (`flag provided but not defined: -x`), with the closest known name.',
  },
  {
    code: 'etcd/flag-not-available',
    severities: ['Error', 'Warning'],
    severityText: "Error (Warning when only kubeadm's pairing gives the version)",
    summary:
      'A tracing flag not yet in this etcd: `--experimental-distributed-tracing-sampling-rate` before 3.5.11, the un-prefixed `--…distributed-tracing…` names before 3.6.',
  },
  {
    code: 'etcd/flag-removed',
    severities: ['Error'],
    summary: 'An `--experimental-…distributed-tracing…` flag on etcd 3.7, where only the un-prefixed name exists.',
  },
  {
    code: 'etcd/flag-deprecated',
    severities: ['Warning', 'Information'],
    severityText: 'Warning (Information for non-tracing flags)',
    summary:
      "A flag this etcd logs as deprecated when set and a later etcd refuses (an experimental flag on 3.6, a v2 flag on 3.5.18+): etcd's own warning.",
  },
  {
    code: 'etcd/flag-conflict',
    severities: ['Error'],
    summary: 'etcd 3.6 given both names of one tracing flag: `cannot set --X and --Y at the same time, please use --Y only`.',
  },
  {
    code: 'etcd/invalid-bool',
    severities: ['Error'],
    summary: 'A bool flag value Go\'s `strconv.ParseBool` refuses: `invalid boolean value "yes" for -x: parse error`.',
  },
  {
    code: 'etcd/invalid-int',
    severities: ['Error'],
    summary: 'A sampling rate `strconv.ParseInt` refuses: `invalid value "1e3" for flag -x: parse error`.',
  },
  {
    code: 'etcd/not-a-flag',
    severities: ['Error'],
    summary:
      "A positional argument (e.g. `true` in its own item after a bool flag): Go's flag parsing stops there and etcd refuses it (`'true' is not a valid flag`).",
  },
  { code: 'etcd/flag-needs-argument', severities: ['Error'], summary: 'A non-bool flag as the last item, with no value.' },
  { code: 'etcd/bad-flag-syntax', severities: ['Error'], summary: '`---x` or `-=x`.' },
  {
    code: 'etcd/sampling-rate-negative',
    severities: ['Error'],
    summary:
      'Tracing enabled with a rate below 0: `distributed tracing configurition is not valid: (tracing sampling rate must be positive)`.',
  },
  { code: 'etcd/sampling-rate-too-large', severities: ['Error'], summary: 'Tracing enabled with a rate above 1000000.' },
  {
    code: 'etcd/sampling-rate-zero',
    severities: ['Information'],
    summary: 'Tracing enabled with rate 0 (or none) where the rate flag exists: only requests with a sampled parent are traced.',
  },
  {
    code: 'etcd/tracing-not-enabled',
    severities: ['Warning'],
    summary: 'Tracing address, service name, instance id or rate set without the enable flag: ignored.',
  },
  {
    code: 'etcd/cluster-dns-address',
    severities: ['Warning'],
    summary: "A `*.svc` / `*.cluster.local` collector address in a `hostNetwork: true` pod: the node's resolver cannot resolve it.",
  },
  {
    code: 'etcd/address-refused-at-start',
    severities: ['Error'],
    summary:
      "etcd 3.5.11–3.5.34 build gRPC's resolver for the tracing address at start: an empty address, `dns:///` without a host, `dns:///host:` or `unix://authority/…` stops etcd with gRPC's error.",
  },
  {
    code: 'etcd/address-has-scheme',
    severities: ['Warning'],
    summary: "A URL (`http://…`) as the collector address: etcd's OTLP gRPC exporter wants `host:port`.",
  },
  {
    code: 'etcd/flags-ignored-with-config-file',
    severities: ['Warning'],
    summary:
      'Tracing flags next to `--config-file`: etcd reads only the file (`loaded server configuration, other configuration command line flags and environment variables will be ignored if provided`).',
  },
  {
    code: 'kubelet/tracing-not-supported',
    severities: ['Warning'],
    summary: 'A `tracing:` block before 1.25: strict decoding fails on the unknown field and the lenient fallback drops it.',
  },
  {
    code: 'kubelet/tracing-gate-disabled',
    severities: ['Error'],
    summary:
      '1.25–1.33 with `KubeletTracing` off (alpha, off by default until 1.26; or set false): `invalid configuration: tracing should not be configured if KubeletTracing feature flag is disabled.`',
  },
  {
    code: 'kubelet/tracing-not-a-map',
    severities: ['Error'],
    summary: '`tracing:` is not a block: a decode error even for the lenient decoder.',
  },
  {
    code: 'kind/tracing-config-not-on-node',
    severities: ['Error'],
    summary:
      "kind: the node path kube-apiserver's tracing config is mounted from is covered by no `extraMounts` `containerPath` of a control-plane node, so the file is not in the node container and kube-apiserver cannot start.",
  },
  {
    code: 'kubelet/cluster-dns-endpoint',
    severities: ['Warning'],
    summary: 'A `*.svc` / `*.cluster.local` tracing endpoint: the kubelet runs on the node and cannot resolve cluster Services.',
  },
  {
    code: 'kubelet/sampling-rate-negative',
    severities: ['Error'],
    summary: "As `tracing-config/sampling-rate-negative`, for the KubeletConfiguration's `tracing:` block.",
  },
  {
    code: 'kubelet/sampling-rate-too-large',
    severities: ['Error'],
    summary: "As `tracing-config/sampling-rate-too-large`, for the KubeletConfiguration's `tracing:` block.",
  },
  {
    code: 'kubelet/sampling-rate-wrong-type',
    severities: ['Error'],
    summary: "As `tracing-config/sampling-rate-wrong-type`, for the KubeletConfiguration's `tracing:` block.",
  },
  {
    code: 'kubelet/endpoint-wrong-type',
    severities: ['Error'],
    summary: "As `tracing-config/endpoint-wrong-type`, for the KubeletConfiguration's `tracing:` block.",
  },
  {
    code: 'kubelet/unrepresentable-value',
    severities: ['Error'],
    summary: "As `tracing-config/unrepresentable-value`, for the KubeletConfiguration's `tracing:` block.",
  },
  {
    code: 'kubelet/endpoint-unparsable',
    severities: ['Error'],
    summary: "As `tracing-config/endpoint-unparsable`, for the KubeletConfiguration's `tracing:` block.",
  },
  {
    code: 'kubelet/unsupported-scheme',
    severities: ['Error'],
    summary: "As `tracing-config/unsupported-scheme`, for the KubeletConfiguration's `tracing:` block.",
  },
  {
    code: 'kubelet/endpoint-toolchain-dependent',
    severities: ['Warning'],
    summary: "As `tracing-config/endpoint-toolchain-dependent`, for the KubeletConfiguration's `tracing:` block.",
  },
  {
    code: 'kubelet/endpoint-port-out-of-range',
    severities: ['Warning'],
    summary: "As `tracing-config/endpoint-port-out-of-range`, for the KubeletConfiguration's `tracing:` block.",
  },
  {
    code: 'kubelet/endpoint-empty',
    severities: ['Warning'],
    summary: "As `tracing-config/endpoint-empty`, for the KubeletConfiguration's `tracing:` block.",
  },
  {
    code: 'kubelet/endpoint-without-port',
    severities: ['Information'],
    summary: "As `tracing-config/endpoint-without-port`, for the KubeletConfiguration's `tracing:` block.",
  },
  {
    code: 'kubelet/sampling-rate-parent-only',
    severities: ['Information'],
    summary: "As `tracing-config/sampling-rate-parent-only`, for the KubeletConfiguration's `tracing:` block.",
  },
  {
    code: 'kubelet/endpoint-default',
    severities: ['Information'],
    summary: "As `tracing-config/endpoint-default`, for the KubeletConfiguration's `tracing:` block.",
  },
  {
    code: 'kubelet/unknown-field',
    severities: ['Warning'],
    summary:
      'Unknown or duplicate keys (under `tracing:` and duplicates anywhere): the kubelet logs that it uses lenient decoding (`"Using lenient decoding as strict decoding failed" err=…` from 1.21, a structured klog line) and goes on.',
  },
  {
    code: 'kubelet/duplicate-field',
    severities: ['Warning'],
    summary:
      'Unknown or duplicate keys (under `tracing:` and duplicates anywhere): the kubelet logs that it uses lenient decoding (`"Using lenient decoding as strict decoding failed" err=…` from 1.21, a structured klog line) and goes on.',
  },
  {
    code: 'kubelet/feature-gates-not-a-map',
    severities: ['Error'],
    summary:
      '`featureGates:` that is not a map of gate names to unquoted booleans: a decode error. The gates themselves get the `feature-gates/…` rules.',
  },
  {
    code: 'kubelet/feature-gate-not-bool',
    severities: ['Error'],
    summary:
      '`featureGates:` that is not a map of gate names to unquoted booleans: a decode error. The gates themselves get the `feature-gates/…` rules.',
  },
  {
    code: 'yaml/syntax-error',
    severities: ['Error'],
    summary: 'A document that Kubernetes cannot parse, reported once at its first problem; the other documents are still checked.',
  },
  {
    code: 'template/not-checked',
    severities: ['Information'],
    summary:
      'A Helm/Go, Jinja, ERB or envsubst template of a file kube-tracing checks: Kubernetes reads what it renders, so nothing in it is checked (one finding, on the first tag).',
  },
  { code: 'file-too-large', severities: ['Information'], summary: 'Files above 4 MB are not checked.' },
  {
    code: 'collector/unknown-type',
    severities: ['Error'],
    summary:
      'A component type this Collector release and distribution does not have (`unknown type: "jaeger" for id: "jaeger" (valid values: …)`); `logging` gets its own message.',
  },
  {
    code: 'collector/unknown-key',
    severities: ['Error'],
    summary: "A key the component's config struct does not have (`'debugexporter.Config' has invalid keys: loglevel`).",
  },
  {
    code: 'collector/env-reference',
    severities: ['Error'],
    summary:
      'A `${…}` reference the Collector cannot resolve (`${VAR:-default}` without `env:`, an invalid name): `cannot resolve the configuration: …`.',
  },
  { code: 'collector/invalid-id', severities: ['Error'], summary: 'A component ID that is not `type[/name]` with the allowed characters.' },
  {
    code: 'collector/invalid-pipeline-id',
    severities: ['Error'],
    summary: 'A pipeline ID that is not `signal[/name]` with a known signal.',
  },
  {
    code: 'collector/not-configured',
    severities: ['Error'],
    summary:
      'A pipeline references a component that is not configured (`service::pipelines::traces: references exporter "otlp/jaeger" which is not configured`).',
  },
  {
    code: 'collector/helm-chart-refuses',
    severities: ['Error', 'Information'],
    severityText: 'Error; Information when the file does not set the value at all (another values file or `--set` may)',
    summary:
      'A values file the opentelemetry-collector Helm chart refuses to install, in its own words: no `image.repository`, no `mode`, no `health_check` extension in `config.service.extensions`.',
  },
  { code: 'collector/pipeline-incomplete', severities: ['Error'], summary: 'A pipeline without receivers or without exporters.' },
  {
    code: 'collector/connector-unused-side',
    severities: ['Error'],
    summary: 'A connector used as an exporter but in no receiver pipeline of a supported signal, or the reverse.',
  },
  {
    code: 'collector/telemetry-metrics-address',
    severities: ['Information', 'Warning', 'Error'],
    severityText: 'Error from v0.128.0, Warning v0.123–v0.127, Information v0.111–v0.122',
    summary:
      "`service::telemetry::metrics::address`: deprecated for `metrics::readers` in v0.111.0, ignored from v0.123.0, refused from v0.128.0 (`'service.telemetry.metrics' … has invalid keys: address`).",
  },
  {
    code: 'collector/image-not-pinned',
    severities: ['Information'],
    summary: 'A Collector image tagged `:latest` (or untagged): checked against the newest known release; pin a version.',
  },
  {
    code: 'collector/receiver-not-on-loopback',
    severities: ['Warning'],
    summary:
      "A hostNetwork Collector whose OTLP gRPC receiver binds one non-loopback address (the chart's `${env:MY_POD_IP}`) while kube-apiserver, the kubelet or etcd in the workspace send to `localhost`.",
  },
  {
    code: 'collector/receiver-tls-plaintext-senders',
    severities: ['Warning'],
    summary:
      "A hostNetwork Collector's OTLP gRPC receiver with `tls:` while the control plane in the workspace sends to it in plaintext gRPC.",
  },
  {
    code: 'collector/receiver-on-pod-localhost',
    severities: ['Warning'],
    summary:
      "An OTLP gRPC receiver on the pod's localhost (the default since v0.104.0) in a pod that declares its port: nothing outside the pod reaches it.",
  },
  {
    code: 'collector/receiver-off-node-network',
    severities: ['Information'],
    summary:
      'The control plane in the workspace sends to `localhost`, and the Collector runs in the pod network (no hostNetwork; a hostPort does not forward localhost).',
  },
  {
    code: 'yaml/too-deep',
    severities: ['Warning'],
    summary:
      'A document nested deeper than 256 levels: not parsed (no Kubernetes or Collector file nests this deep), said once where the limit is crossed.',
  },
  {
    code: 'internal-error',
    severities: ['Information'],
    summary: 'kube-tracing failed on this document (a bug); the other documents and files are still checked.',
  },
];

export const DIAGNOSTIC_CODE_INDEX: ReadonlyMap<string, DiagnosticCodeEntry> = new Map(
  DIAGNOSTIC_CODES.map((entry) => [entry.code, entry]),
);
