/**
 * The net/url port against Go's own behaviour: the examples of kubernetes-tracing-rules.md §1.3 (run with Go 1.19,
 * i.e. the 'classic' behaviour) and the bracket rules of CVE-2025-47912 / CVE-2026-25679.
 */
import assert from 'node:assert/strict';
import { goNetUrlBehaviours, parseGoUrl, type NetUrlBehaviour } from '../../../server/src/service/go/netUrl';

function errorOf(raw: string, behaviour: NetUrlBehaviour = 'classic'): string | null {
  const result = parseGoUrl(raw, behaviour);
  return result.ok ? null : result.error;
}

describe('go/netUrl: url.Parse errors (rules §1.3, Go 1.19)', () => {
  const cases: [string, string][] = [
    ['dns://localhost:abc', 'parse "dns://localhost:abc": invalid port ":abc" after host'],
    ['dn%2s://localhost:4317', 'parse "dn%2s://localhost:4317": first path segment in URL cannot contain colon'],
    ['dns://unix:relative.sock', 'parse "dns://unix:relative.sock": invalid port ":relative.sock" after host'],
    ['dns://local host:4317', 'parse "dns://local host:4317": invalid character " " in host name'],
    ['dns://%zz', 'parse "dns://%zz": invalid URL escape "%zz"'],
    ['dns://[::1:4317', `parse "dns://[::1:4317": missing ']' in host`],
    ['dns://a\tb:4317', 'parse "dns://a\\tb:4317": net/url: invalid control character in URL'],
    ['dns://a\x7f', 'parse "dns://a\\x7f": net/url: invalid control character in URL'],
    ['://x', 'parse "://x": missing protocol scheme'],
  ];
  for (const [raw, expected] of cases) {
    it(`${JSON.stringify(raw)} → ${expected}`, () => assert.equal(errorOf(raw), expected));
  }

  it('quotes bytes the way %q does: a %-escape cut in the middle of a UTF-8 rune shows \\xc3', () => {
    assert.equal(errorOf('dns://h/%zé'), 'parse "dns://h/%zé": invalid URL escape "%z\\xc3"');
  });

  it('a bad escape in the fragment quotes the whole URL, fragment included', () => {
    assert.equal(errorOf('dns://h:1#%zz'), 'parse "dns://h:1#%zz": invalid URL escape "%zz"');
  });

  it('rejects a host %-escape of an ASCII byte but accepts %25 (RFC 6874 zone)', () => {
    assert.equal(errorOf('dns://a%41b'), 'parse "dns://a%41b": invalid URL escape "%41"');
    assert.equal(errorOf('dns://[fe80::1%25en0]:4317'), null);
  });

  it('rejects non-ASCII userinfo with net/url: invalid userinfo', () => {
    assert.equal(errorOf('dns://ü@host:1'), 'parse "dns://ü@host:1": net/url: invalid userinfo');
  });

  it('accepts what Kubernetes accepts and lower-cases the scheme', () => {
    for (const raw of [
      'dns://localhost:4317',
      'dns://google.com:4317',
      'unix://path/to/socket',
      'dns://',
      'dns://:4317',
      'dns://localhost:99999',
      'dns://unix:/abs.sock',
    ]) {
      assert.equal(errorOf(raw), null, raw);
    }
    const upper = parseGoUrl('DNS://x:1', 'classic');
    assert.ok(upper.ok && upper.url.scheme === 'dns');
    const slashes = parseGoUrl('//host', 'classic');
    assert.ok(slashes.ok && slashes.url.scheme === '' && slashes.url.host === 'host');
    const abs = parseGoUrl('dns://unix:/abs.sock', 'classic');
    assert.ok(abs.ok && abs.url.host === 'unix:' && abs.url.path === '/abs.sock');
  });
});

describe('go/netUrl: bracketed hosts per Go release', () => {
  it('Go 1.19–1.24.7 accept [localhost] and [127.0.0.1]; from 1.24.8/1.25.2 (CVE-2025-47912) they fail', () => {
    assert.equal(errorOf('dns://[localhost]:4317', 'classic'), null);
    assert.equal(errorOf('dns://[127.0.0.1]:4317', 'classic'), null);
    assert.equal(
      errorOf('dns://[localhost]:4317', 'bracket-ipv6'),
      'parse "dns://[localhost]:4317": invalid host: ParseAddr("localhost"): unable to parse IP',
    );
    assert.equal(errorOf('dns://[127.0.0.1]:4317', 'bracket-ipv6'), 'parse "dns://[127.0.0.1]:4317": invalid IP-literal');
  });

  it('IPv6 (with zone) and IPv4-mapped IPv6 stay valid in brackets', () => {
    for (const behaviour of ['bracket-ipv6', 'bracket-at-start'] as const) {
      assert.equal(errorOf('dns://[::1]:4317', behaviour), null);
      assert.equal(errorOf('dns://[fe80::1%25en0]:4317', behaviour), null);
      assert.equal(errorOf('dns://[::ffff:1.2.3.4]:4317', behaviour), null);
    }
  });

  it('netip.ParseAddr messages come through for malformed IPv6', () => {
    assert.equal(
      errorOf('dns://[1:2:3]:1', 'bracket-ipv6'),
      'parse "dns://[1:2:3]:1": invalid host: ParseAddr("1:2:3"): address string too short',
    );
    assert.equal(
      errorOf('dns://[::1::2]', 'bracket-ipv6'),
      'parse "dns://[::1::2]": invalid host: ParseAddr("::1::2"): multiple :: in address (at ":2")',
    );
    assert.equal(
      errorOf('dns://[12345::1]', 'bracket-ipv6'),
      'parse "dns://[12345::1]": invalid host: ParseAddr("12345::1"): each group must have 4 or less digits (at "12345::1")',
    );
    assert.equal(
      errorOf('dns://[::1.2.3.256]', 'bracket-ipv6'),
      'parse "dns://[::1.2.3.256]": invalid host: ParseAddr("::1.2.3.256"): IPv4 field has value >255',
    );
  });

  it('Go 1.24.8-1.24.9 refused bracketed IPv4 and IPv4-mapped IPv6 as "invalid IPv6 host" (go1.24.9 url.go)', () => {
    assert.equal(errorOf('dns://[127.0.0.1]:4317', 'bracket-ipv6-host'), 'parse "dns://[127.0.0.1]:4317": invalid IPv6 host');
    assert.equal(errorOf('dns://[::ffff:127.0.0.1]:4317', 'bracket-ipv6-host'), 'parse "dns://[::ffff:127.0.0.1]:4317": invalid IPv6 host');
    assert.equal(errorOf('dns://[::ffff:127.0.0.1]:4317', 'bracket-ipv6'), null);
    assert.equal(errorOf('dns://[::1]:4317', 'bracket-ipv6-host'), null);
  });

  it('a [ after the start of the host: garbage before it was ignored until CVE-2026-25679 (Go 1.25.8, 1.26.1)', () => {
    assert.equal(errorOf('dns://a[::1]:80', 'classic'), null); // host "a[::1]:80": the last colon starts the port
    assert.equal(errorOf('dns://a[::1]:80', 'bracket-ipv6'), null);
    assert.equal(errorOf('dns://a[::1]:80', 'bracket-at-start'), 'parse "dns://a[::1]:80": invalid IP-literal');
  });

  it('maps each Go minor to the behaviours of its patch releases', () => {
    assert.deepEqual(
      goNetUrlBehaviours('1.23').map((b) => b.behaviour),
      ['classic'],
    );
    assert.deepEqual(
      goNetUrlBehaviours('1.24').map((b) => b.behaviour),
      ['classic', 'bracket-ipv6-host', 'bracket-ipv6'],
    );
    // Kubernetes 1.31: 1.31.0 with Go 1.22.5, 1.31.14 with Go 1.24.9.
    assert.deepEqual(
      goNetUrlBehaviours('1.24', undefined, '1.24.9').map((b) => b.behaviour),
      ['classic', 'bracket-ipv6-host'],
    );
    assert.deepEqual(
      goNetUrlBehaviours('1.25').map((b) => b.behaviour),
      ['classic', 'bracket-ipv6', 'bracket-at-start'],
    );
    assert.deepEqual(
      goNetUrlBehaviours('1.26').map((b) => b.behaviour),
      ['bracket-ipv6', 'bracket-at-start'],
    );
  });
});
