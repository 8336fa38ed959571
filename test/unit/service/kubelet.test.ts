/**
 * KubeletConfiguration rules at the version boundaries 1.24/1.25 (tracing field added), 1.26/1.27 (KubeletTracing
 * beta, on by default), 1.33/1.34 (validation unconditional, gate locked), with the kubelet's own messages
 * (k/k pkg/kubelet/apis/config/validation/validation.go and its test, validation_test.go).
 */
import { strict as assert } from 'node:assert';
import { validate, Severity } from '../helpers';
import type { Finding } from '../../../server/src/service/findings';

/** A kubelet config; `body` lines start on line 3 (1-based). */
function kubeletConfig(...body: string[]): string {
  return [
    'apiVersion: kubelet.config.k8s.io/v1beta1',
    'kind: KubeletConfiguration',
    ...body,
    'staticPodPath: /etc/kubernetes/manifests',
    '',
  ].join('\n');
}

function check(version: string, ...body: string[]): Finding[] {
  return validate(kubeletConfig(...body), { fileName: 'var/lib/kubelet/config.yaml', version });
}

function only(findings: Finding[], code: string): Finding {
  const matching = findings.filter((f) => f.code === code);
  assert.equal(matching.length, 1, `expected one ${code}, got ${JSON.stringify(findings.map((f) => `${f.code}: ${f.message}`))}`);
  return matching[0]!;
}

const line = (finding: Finding) => finding.range.start.line + 1;
const TRACING = ['tracing:', '  endpoint: localhost:4317', '  samplingRatePerMillion: 100'];
const GATE_MESSAGE = 'invalid configuration: tracing should not be configured if KubeletTracing feature flag is disabled.';

describe('KubeletConfiguration tracing', () => {
  describe('1.24 / 1.25: the tracing field appears', () => {
    it('1.24 does not know it: a lenient-decoding warning on the key', () => {
      const finding = only(check('1.24', ...TRACING), 'kubelet/tracing-not-supported');
      assert.equal(finding.severity, Severity.Warning);
      // 1.24's kubelet logs a structured line (klog.InfoS): oracle/feature-gates kubeletLenient vectors.
      assert.equal(
        finding.message,
        '"Using lenient decoding as strict decoding failed" err="strict decoding error: unknown field \\"tracing\\""',
      );
      assert.equal(line(finding), 3);
    });

    it('1.25 knows it, but KubeletTracing is alpha and off: the kubelet refuses', () => {
      const finding = only(check('1.25', ...TRACING), 'kubelet/tracing-gate-disabled');
      assert.equal(finding.severity, Severity.Error);
      assert.equal(finding.message, GATE_MESSAGE);
      assert.equal(line(finding), 3);
    });

    it('1.25 with featureGates KubeletTracing: true is accepted', () => {
      assert.deepEqual(check('1.25', 'featureGates:', '  KubeletTracing: true', ...TRACING), []);
    });
  });

  describe('1.26 / 1.27: the gate turns on by default', () => {
    it('1.26 refuses the block without the gate', () => {
      assert.equal(only(check('1.26', ...TRACING), 'kubelet/tracing-gate-disabled').message, GATE_MESSAGE);
    });

    it('1.27 accepts it', () => {
      assert.deepEqual(check('1.27', ...TRACING), []);
    });

    it('1.27 refuses it when featureGates turns the gate off', () => {
      const finding = only(check('1.27', 'featureGates:', '  KubeletTracing: false', ...TRACING), 'kubelet/tracing-gate-disabled');
      assert.equal(line(finding), 5);
      assert.match(finding.explanation, /featureGates sets KubeletTracing to false/);
    });

    it('a null block is a nil pointer: nothing to refuse even with the gate off', () => {
      assert.deepEqual(check('1.26', 'tracing:'), []);
    });
  });

  describe('1.33 / 1.34: the gate is locked on', () => {
    it('1.33: KubeletTracing=false still just disables tracing (and refuses the block)', () => {
      const findings = check('1.33', 'featureGates:', '  KubeletTracing: false', ...TRACING);
      assert.deepEqual(
        findings.map((f) => f.code),
        ['kubelet/tracing-gate-disabled'],
      );
    });

    it('1.34: KubeletTracing=false is refused by the gate itself; the block is validated anyway', () => {
      const findings = check('1.34', 'featureGates:', '  KubeletTracing: false', 'tracing:', '  samplingRatePerMillion: -1');
      const locked = findings.find((f) => f.message.includes('cannot set feature gate KubeletTracing to false, feature is locked to true'));
      assert.ok(locked, JSON.stringify(findings.map((f) => f.message)));
      assert.equal(locked.severity, Severity.Error);
      assert.equal(line(locked), 4);
      const rate = only(findings, 'kubelet/sampling-rate-negative');
      assert.equal(rate.message, 'tracing.samplingRatePerMillion: Invalid value: -1: sampling rate must be positive');
      assert.equal(line(rate), 6);
    });
  });

  describe('fields, with the paths tracing.endpoint / tracing.samplingRatePerMillion (the kubelet test strings)', () => {
    it('a negative rate', () => {
      const finding = only(check('1.31', 'tracing:', '  samplingRatePerMillion: -1'), 'kubelet/sampling-rate-negative');
      assert.equal(finding.message, 'tracing.samplingRatePerMillion: Invalid value: -1: sampling rate must be positive');
      assert.equal(line(finding), 4);
    });

    it('the real kubelet test endpoint dn%2s://localhost:4317', () => {
      const findings = check('1.31', 'tracing:', '  endpoint: "dn%2s://localhost:4317"');
      const finding = findings.find((f) => f.severity === Severity.Error);
      assert.ok(finding, JSON.stringify(findings));
      assert.equal(
        finding.message,
        'tracing.endpoint: Invalid value: "dn%2s://localhost:4317": parse "dn%2s://localhost:4317": first path segment in URL cannot contain colon',
      );
      assert.equal(line(finding), 4);
    });

    it('unknown and duplicate keys under tracing are only warnings (lenient fallback)', () => {
      const findings = check('1.31', 'tracing:', '  endpoint: localhost:4317', '  Endpoint: otel:4317', '  endpoint: localhost:4318');
      const unknown = only(findings, 'kubelet/unknown-field');
      assert.equal(unknown.severity, Severity.Warning);
      assert.equal(
        unknown.message,
        '"Using lenient decoding as strict decoding failed" err="strict decoding error: unknown field \\"tracing.Endpoint\\""',
      );
      assert.equal(line(unknown), 5);
      const duplicate = only(findings, 'kubelet/duplicate-field');
      assert.equal(duplicate.severity, Severity.Warning);
      // A two-line error: klog (1.24+) writes it as err=<…> with each line indented by a tab.
      assert.equal(
        duplicate.message,
        '"Using lenient decoding as strict decoding failed" err=<\n\tstrict decoding error: yaml: unmarshal errors:\n\t  line 6: key "endpoint" already set in map\n >',
      );
      assert.equal(line(duplicate), 6);
    });

    it('a duplicate top-level key is a warning too', () => {
      const findings = check('1.31', 'clusterDomain: cluster.local', 'clusterDomain: example.local');
      const duplicate = only(findings, 'kubelet/duplicate-field');
      assert.equal(
        duplicate.message,
        '"Using lenient decoding as strict decoding failed" err=<\n\tstrict decoding error: yaml: unmarshal errors:\n\t  line 4: key "clusterDomain" already set in map\n >',
      );
      assert.equal(line(duplicate), 4);
    });

    it('a tracing value that is not a block cannot be decoded at all', () => {
      const finding = only(check('1.31', 'tracing: localhost:4317'), 'kubelet/tracing-not-a-map');
      assert.equal(finding.severity, Severity.Error);
      assert.equal(line(finding), 3);
    });
  });

  describe("the endpoint host: the kubelet resolves with the node's resolver", () => {
    it('a cluster DNS name is a warning on the value', () => {
      for (const endpoint of ['otel-collector.observability.svc:4317', 'dns:///otel-collector.observability.svc.cluster.local:4317']) {
        const finding = only(check('1.31', 'tracing:', `  endpoint: ${endpoint}`), 'kubelet/cluster-dns-endpoint');
        assert.equal(finding.severity, Severity.Warning);
        assert.equal(line(finding), 4);
        assert.equal(finding.range.start.character, '  endpoint: '.length);
      }
    });

    it('node-resolvable hosts and unix sockets are fine', () => {
      for (const endpoint of ['localhost:4317', '10.0.0.7:4317', 'collector.example.com:4317', 'unix:///var/run/otel.sock']) {
        assert.deepEqual(
          check('1.31', 'tracing:', `  endpoint: ${endpoint}`).filter((f) => f.code === 'kubelet/cluster-dns-endpoint'),
          [],
          endpoint,
        );
      }
    });
  });

  describe('featureGates map', () => {
    it("an unknown gate, with the kubelet's wrapping", () => {
      const findings = check('1.31', 'featureGates:', '  KubeletTracin: true');
      const finding = findings.find((f) => f.severity === Severity.Error);
      assert.ok(finding, JSON.stringify(findings));
      assert.equal(finding.message, 'unrecognized feature gate: KubeletTracin');
      assert.match(
        finding.explanation,
        /failed to set feature gates from initial flags-based config: unrecognized feature gate: KubeletTracin/,
      );
      assert.match(finding.explanation, /Did you mean KubeletTracing\?/);
      assert.equal(line(finding), 4);
    });

    it('KubeletTracing does not exist before 1.25', () => {
      const finding = check('1.24', 'featureGates:', '  KubeletTracing: true').find((f) => f.severity === Severity.Error);
      assert.equal(finding?.message, 'unrecognized feature gate: KubeletTracing');
    });

    it('a quoted "true" is a string, not a bool: a decode error', () => {
      const finding = only(check('1.31', 'featureGates:', '  KubeletTracing: "true"'), 'kubelet/feature-gate-not-bool');
      assert.equal(finding.message, 'json: cannot unmarshal string into Go struct field KubeletConfiguration.featureGates of type bool');
      assert.equal(line(finding), 4);
    });
  });

  it('is recognized inside a kubeadm multi-document config', () => {
    const text = [
      'apiVersion: kubeadm.k8s.io/v1beta3',
      'kind: ClusterConfiguration',
      'kubernetesVersion: v1.26.0',
      '---',
      'apiVersion: kubelet.config.k8s.io/v1beta1',
      'kind: KubeletConfiguration',
      ...TRACING,
      '',
    ].join('\n');
    const finding = only(validate(text, { fileName: 'kubeadm-config.yaml', version: '1.26' }), 'kubelet/tracing-gate-disabled');
    assert.equal(line(finding), 7);
  });

  it('other kinds in the kubelet group are not ours', () => {
    const text = ['apiVersion: kubelet.config.k8s.io/v1', 'kind: CredentialProviderConfig', 'tracing: nonsense', ''].join('\n');
    assert.deepEqual(validate(text, { fileName: 'credential-provider.yaml', version: '1.31' }), []);
  });
});
