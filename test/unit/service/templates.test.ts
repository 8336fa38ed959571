/**
 * Template sources (Helm/Go, Jinja, ERB, envsubst) get one Information when they render something kube-tracing
 * checks, nothing otherwise, and never syntax errors; a genuinely broken file reports its first problem once.
 * The template shapes are those of public charts and playbooks (kubespray's etcd and kube-apiserver templates,
 * Helm charts' `range .Values...extraArgs`).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanTemplate } from '../../../server/src/service/text/templates';
import { Severity, validate, where } from '../helpers';

const HELM_APISERVER = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: kube-apiserver',
  '  namespace: kube-system',
  'spec:',
  '  containers:',
  '  - command:',
  '    - kube-apiserver',
  '    {{- range .Values.apiserver.extraArgs }}', // 10
  '    - --{{ .name }}={{ .value }}',
  '    {{- end }}',
  '    - --feature-gates=APIServerTracing={{ .Values.tracing }}',
  '    image: registry.k8s.io/kube-apiserver:{{ .Values.version }}',
  '    name: kube-apiserver',
  '',
].join('\n');

const JINJA_ETCD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: etcd',
  '  namespace: kube-system',
  'spec:',
  '  containers:',
  '  - command:',
  '    - etcd',
  '{% for arg in etcd_extra_args %}', // 10
  '    - {{ arg }}',
  '{% endfor %}',
  '    image: registry.k8s.io/etcd:3.5.9-0',
  '    name: etcd',
  '',
].join('\n');

describe('templates', () => {
  it('says one thing, as Information on the first tag, about a Helm kube-apiserver template', () => {
    const findings = validate(HELM_APISERVER, { fileName: 'charts/cp/templates/kube-apiserver.yaml' });
    assert.deepEqual(where(findings), ['10:5 template/not-checked']);
    assert.equal(findings[0]!.severity, Severity.Information);
    assert.match(findings[0]!.message, /a Helm\/Go template \(\{\{- range \.Values\.apiserver\.extraArgs \}\}\)/);
  });

  it('names Jinja when the file has {% %} tags, and reports no syntax error for them', () => {
    const findings = validate(JINJA_ETCD, { fileName: 'roles/etcd/templates/etcd.yaml' });
    assert.deepEqual(where(findings), ['10:1 template/not-checked']);
    assert.match(findings[0]!.message, /a Jinja template/);
  });

  it('stays one finding however many tag lines the file has (a real chart gave 228 errors)', () => {
    const lines = HELM_APISERVER.split('\n');
    const many = Array.from(
      { length: 120 },
      (_, i) => `    {{- if .Values.flag${i} }}\n    - --flag${i}={{ .Values.flag${i} }}\n    {{- end }}`,
    );
    const text = [...lines.slice(0, 9), ...many, ...lines.slice(9)].join('\n');
    assert.equal(validate(text, { fileName: 'charts/cp/templates/kube-apiserver.yaml' }).length, 1);
  });

  it('recognizes ERB and envsubst tracing configurations by their kind', () => {
    const erb =
      'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: <%= @otlp_endpoint %>\nsamplingRatePerMillion: <%= @rate %>\n';
    assert.deepEqual(where(validate(erb, { fileName: 'templates/tracing.yaml' })), ['3:11 template/not-checked']);
    assert.match(validate(erb, { fileName: 'templates/tracing.yaml' })[0]!.message, /an ERB template/);
    // Valid YAML, but `${RATE}` would be read as a string and reported as a wrong type: it is envsubst input.
    const envsubst = 'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nsamplingRatePerMillion: ${RATE}\n';
    const findings = validate(envsubst);
    assert.deepEqual(where(findings), ['3:25 template/not-checked']);
    assert.match(findings[0]!.message, /an envsubst template/);
  });

  it('says nothing about a template that renders nothing kube-tracing checks, even one mentioning etcd', () => {
    const deployment =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        env:\n        - name: ETCD_ENDPOINTS\n          value: {{ .Values.etcd }}\n';
    assert.deepEqual(validate(deployment, { fileName: 'charts/app/templates/deployment.yaml' }), []);
  });

  it('checks a Collector config with ${env:VAR} and ${VAR} as usual: the Collector expands them itself', () => {
    const collector =
      'receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: ${env:MY_POD_IP}:4317\nexporters:\n  otlp:\n    endpoint: ${OTLP_ENDPOINT}\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [otlp]\n';
    assert.ok(validate(collector, { fileName: 'otel-collector.yaml' }).every((f) => f.code !== 'template/not-checked'));
    assert.equal(scanTemplate(collector, false), undefined);
  });

  it('takes no ClusterClass for a template: Cluster API evaluates its enabledIf and valueFrom.template itself', () => {
    // test/fixtures/real-corpus (SOURCES.md): kubernetes-sigs/cluster-api's quick-start ClusterClass, applied as it is.
    const text = readFileSync(join(__dirname, '../../fixtures/real-corpus/cluster-api/cluster-api/clusterclass-quick-start.yaml'), 'utf8');
    assert.match(text, /enabledIf: '\{\{ ne \.imageRepository "" \}\}'/);
    assert.equal(scanTemplate(text, true), undefined);
    assert.deepEqual(validate(text, { fileName: 'clusterclass-quick-start.yaml' }), []);
    // A Helm chart that renders a ClusterClass is still a template (its control lines are no YAML), as is envsubst input.
    const helm =
      'apiVersion: cluster.x-k8s.io/v1beta2\nkind: ClusterClass\nmetadata:\n  name: quick-start\nspec:\n{{- if .Values.patches }}\n  patches:\n  - name: p\n    enabledIf: \'{{ ne .imageRepository "" }}\'\n{{- end }}\n';
    assert.equal(scanTemplate(helm, true)?.first.start, helm.indexOf('{{- if'));
    const envsubst = 'apiVersion: cluster.x-k8s.io/v1beta2\nkind: ClusterClass\nmetadata:\n  name: ${CLUSTER_CLASS_NAME}\n';
    assert.deepEqual(scanTemplate(envsubst, true)?.languages, ['envsubst']);
  });

  it('does not take tags in YAML comments for a template', () => {
    const text =
      '# rendered from {{ .Values.tracing }}\napiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nsamplingRatePerMillion: -1\n';
    assert.deepEqual(where(validate(text)), ['4:25 tracing-config/sampling-rate-negative']);
  });

  it('blanks control lines and fills inline tags, keeping offsets and line breaks', () => {
    const scan = scanTemplate('a:\n{% if x %}\n  b: {{ y }}\n', true)!;
    assert.equal(scan.blanked, 'a:\n          \n  b: xxxxxxx\n');
    assert.deepEqual(scan.languages, ['Jinja']);
  });
});

describe('a broken file', () => {
  it('reports its first syntax problem once, not one per following line', () => {
    const text =
      'apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\n endpoint: localhost:4317\nsamplingRatePerMillion: 10\na: b\nc: d\ne: f\n';
    const findings = validate(text);
    assert.equal(findings.length, 1, JSON.stringify(where(findings)));
    assert.equal(findings[0]!.code, 'yaml/syntax-error');
    assert.match(findings[0]!.explanation, /1 more problem after this one/);
  });

  it('reports once per broken document of a multi-document file', () => {
    const text = 'kind: TracingConfiguration\nfoo: [\n---\nkind: TracingConfiguration\nbar: {a\nb: c\n';
    assert.deepEqual(
      where(validate(text)).map((w) => w.split(' ')[1]),
      ['yaml/syntax-error', 'yaml/syntax-error'],
    );
  });
});
