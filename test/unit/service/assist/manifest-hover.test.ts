import assert from 'node:assert/strict';
import { fixture, hoverAt, mark } from './helpers';

const APISERVER_126 = fixture('kubeadm/1.26/tracing-on/kube-apiserver.yaml');
const ETCD_126 = fixture('kubeadm/1.26/tracing-on/etcd.yaml');
const opts = { fileName: 'kube-apiserver.yaml' };

describe('assist: manifest hovers', () => {
  it('on APIServerTracing in --feature-gates: its whole history and its state in this manifest, from the image tag', () => {
    const text = hoverAt(mark(APISERVER_126, 'APIServerTracing=true', 4), opts);
    assert.ok(text);
    assert.match(
      text,
      /alpha \(off by default\) 1\.22–1\.26, beta \(on by default\) 1\.27–1\.33, GA and locked on 1\.34–1\.36, removed in 1\.37/,
    );
    assert.match(
      text,
      /In Kubernetes 1\.26 \(this manifest runs v1\.26\.0, from the image tag `registry\.k8s\.io\/kube-apiserver:v1\.26\.0`\): alpha \(off by default\)/,
    );
  });

  it('the same gate under 1.34 is GA and locked, and unregistered under 1.37', () => {
    const v134 = APISERVER_126.replace('kube-apiserver:v1.26.0', 'kube-apiserver:v1.34.2');
    assert.match(hoverAt(mark(v134, 'APIServerTracing=true', 4), opts)!, /In Kubernetes 1\.34 .*: GA and locked on\./);
    const v137 = APISERVER_126.replace('kube-apiserver:v1.26.0', 'kube-apiserver:v1.37.0');
    assert.match(
      hoverAt(mark(v137, 'APIServerTracing=true', 4), opts)!,
      /In Kubernetes 1\.37 .*: not registered \(setting it stops the component with "unrecognized feature gate"\)/,
    );
  });

  it('APIServerTracing=false in a 1.34 manifest: says the value is refused (locked), not only what "off" would do', () => {
    const v134 = APISERVER_126.replace('kube-apiserver:v1.26.0', 'kube-apiserver:v1.34.0').replace(
      'APIServerTracing=true',
      'APIServerTracing=false',
    );
    const text = hoverAt(mark(v134, 'APIServerTracing=false', 4), opts)!;
    assert.match(
      text,
      /`APIServerTracing=false` is \*\*refused\*\* here: kube-apiserver exits with "cannot set feature gate APIServerTracing to false, feature is locked to true"/,
    );
    assert.doesNotMatch(text, /ignores --tracing-config-file/);
    // Accepted values say what they do; 1.37 refuses the gate whatever its value.
    assert.match(
      hoverAt(mark(APISERVER_126.replace('APIServerTracing=true', 'APIServerTracing=false'), 'APIServerTracing=false', 4), opts)!,
      /With it off, kube-apiserver ignores --tracing-config-file/,
    );
    const v137 = APISERVER_126.replace('kube-apiserver:v1.26.0', 'kube-apiserver:v1.37.0');
    assert.match(
      hoverAt(mark(v137, 'APIServerTracing=true', 4), opts)!,
      /`APIServerTracing=true` is \*\*refused\*\* here: kube-apiserver exits with "unrecognized feature gate: APIServerTracing"/,
    );
  });

  it('on --tracing-config-file: the flag, since when, and the gate it depends on in this version', () => {
    const text = hoverAt(mark(APISERVER_126, '--tracing-config-file', 5), opts);
    assert.ok(text);
    assert.match(text, /File with apiserver tracing configuration/);
    assert.match(text, /Exists from Kubernetes 1\.22/);
    assert.match(text, /APIServerTracing is on: alpha \(off by default\) in Kubernetes 1\.26/);
  });

  it("on an experimental etcd flag: since which etcd, its 3.6 name, and whether this pod's etcd has it", () => {
    const text = hoverAt(mark(ETCD_126, '--experimental-distributed-tracing-address', 5), { fileName: 'etcd.yaml' });
    assert.ok(text);
    assert.match(text, /\*\*--experimental-distributed-tracing-address\*\* · etcd · string, default "localhost:4317"/);
    assert.match(text, /From etcd 3\.5\.0; deprecated in 3\.6\.0 \(renamed \*\*--distributed-tracing-address\*\*\), removed in 3\.7\.0/);
    assert.match(text, /This pod runs etcd 3\.5\.6 \(image registry\.k8s\.io\/etcd:3\.5\.6-0\): it has this flag/);
  });

  it('on the sampling-rate flag under etcd 3.5.6: not there yet (backported in 3.5.11)', () => {
    const withRate = ETCD_126.replace(
      '    - --experimental-enable-distributed-tracing=true\n',
      '    - --experimental-enable-distributed-tracing=true\n    - --experimental-distributed-tracing-sampling-rate=100\n',
    );
    const text = hoverAt(mark(withRate, '--experimental-distributed-tracing-sampling-rate', 5), { fileName: 'etcd.yaml' });
    assert.match(text!, /From etcd 3\.5\.11/);
    assert.match(text!, /\*\*it does not have this flag\*\*/);
  });

  it('says nothing on flags that have nothing to do with tracing', () => {
    assert.equal(hoverAt(mark(APISERVER_126, '--secure-port', 4), opts), null);
  });

  it('on the image: the version its tag gives, and what that version has for tracing', () => {
    const text = hoverAt(mark(APISERVER_126, 'registry.k8s.io/kube-apiserver:v1.26.0', 30), opts);
    assert.match(
      text!,
      /\*\*kube-apiserver image\*\* · checked against Kubernetes 1\.26 \(this manifest runs v1\.26\.0, from the image tag/,
    );
    assert.match(text!, /TracingConfiguration `v1alpha1`; APIServerTracing alpha \(off by default\)/);
    const etcd = hoverAt(mark(ETCD_126, 'registry.k8s.io/etcd:3.5.6-0', 22), { fileName: 'etcd.yaml' });
    assert.match(etcd!, /checked against etcd 3\.5\.6 \(image registry\.k8s\.io\/etcd:3\.5\.6-0\)/);
    assert.match(etcd!, /without a sampling-rate flag \(from 3\.5\.11\)/);
  });
});
