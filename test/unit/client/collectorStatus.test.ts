/** The status bar's words for the Collector a config is checked against (client/src/collectorStatus.ts). */
import { strict as assert } from 'node:assert';
import { describeCollectorForStatusBar } from '../../../client/src/collectorStatus';

describe('status bar: the Collector in force', () => {
  it('names release, distribution and the image it came from, and asks to pin :latest', () => {
    const pinned = describeCollectorForStatusBar({
      version: '0.110.0',
      distribution: 'core',
      origin: 'image',
      detail: 'otel/opentelemetry-collector:0.110.0',
      latest: false,
      distributionKnown: true,
    });
    assert.equal(pinned.text, '$(versions) Collector 0.110.0 core');
    assert.match(
      pinned.tooltip,
      /Collector 0\.110\.0, core distribution \(otel\/opentelemetry-collector\): from the image otel\/opentelemetry-collector:0\.110\.0 in this file\./,
    );
    const latest = describeCollectorForStatusBar({
      version: '0.159.0',
      distribution: 'contrib',
      origin: 'image',
      detail: 'otel/opentelemetry-collector-contrib:latest',
      latest: true,
      distributionKnown: true,
    });
    assert.equal(latest.text, '$(versions) Collector 0.159.0 contrib (latest)');
    assert.match(latest.tooltip, /pin a tag such as :0\.159\.0/);
  });

  it('names the Helm values and the chart when a values file says which Collector', () => {
    const helm = describeCollectorForStatusBar({
      version: '0.158.0',
      distribution: 'k8s',
      origin: 'helm-values',
      detail: 'otel/opentelemetry-collector-k8s:0.158.0 (Helm chart 0.170.0)',
      latest: false,
      distributionKnown: true,
    });
    assert.equal(helm.text, '$(versions) Collector 0.158.0 k8s');
    assert.match(
      helm.tooltip,
      /: from the Helm values in this file: otel\/opentelemetry-collector-k8s:0\.158\.0 \(Helm chart 0\.170\.0\)\./,
    );
  });

  it('says which workload file, the Operator default, the settings, or the default', () => {
    const workload = describeCollectorForStatusBar({
      version: '0.159.0',
      distribution: 'core',
      origin: 'workspace-image',
      detail: 'otel/opentelemetry-collector:0.159.0 (deploy/agent.yaml)',
      latest: false,
      distributionKnown: true,
    });
    assert.match(workload.tooltip, /workload that runs it: otel\/opentelemetry-collector:0\.159\.0 \(deploy\/agent\.yaml\)/);
    assert.match(
      describeCollectorForStatusBar({
        version: '0.159.0',
        distribution: 'core',
        origin: 'operator-default',
        latest: false,
        distributionKnown: true,
      }).tooltip,
      /Operator's default image/,
    );
    assert.match(
      describeCollectorForStatusBar({ version: '0.110.0', distribution: 'k8s', origin: 'setting', latest: false, distributionKnown: true })
        .tooltip,
      /from the settings kubeTracing\.collectorVersion/,
    );
    const fallback = describeCollectorForStatusBar({
      version: '0.159.0',
      distribution: 'contrib',
      origin: 'default',
      latest: false,
      distributionKnown: false,
    });
    assert.equal(fallback.text, '$(versions) Collector 0.159.0 contrib (default)');
    assert.match(fallback.tooltip, /distribution unknown \(checked as contrib/);
  });
});
