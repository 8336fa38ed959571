/**
 * A faithful port of Go's `net/url.Parse`, for its accept/reject decision and its exact error text, which
 * component-base's ValidateTracingConfiguration shows as is (`parse "dns://localhost:abc": invalid port ":abc"
 * after host`). Mirrors go/src/net/url/url.go (Parse, parse, getScheme, parseAuthority, parseHost, unescape,
 * shouldEscape, validOptionalPort, validUserinfo, stringContainsCTLByte, setPath, setFragment).
 *
 * Go works on UTF-8 bytes, so this port does too (ByteString: one char per byte); messages quote bytes the
 * way Go's %q does.
 *
 * The host rules changed in Go patch releases, so the behaviour is a parameter (see goNetUrlBehaviours):
 * - 'classic': up to Go 1.24.7 / 1.25.1. A host starting with '[' needs a ']'; what is inside is not checked.
 * - 'bracket-ipv6': Go 1.24.8+, 1.25.2+, 1.26.0 (CVE-2025-47912, go.dev/issue/75678): the text inside
 *   brackets must be an IPv6 address (netip.ParseAddr), IPv4 gives `invalid IP-literal`. The opening bracket
 *   is searched with LastIndex, so garbage before it was ignored.
 * - 'bracket-at-start': Go 1.25.8+, 1.26.1+ (CVE-2026-25679, go.dev/issue/77578): a '[' that is not at the
 *   start of the host gives `invalid IP-literal`.
 * - 'bracket-ipv6-host': Go 1.24.8-1.24.9 (read in go1.24.9's url.go; Kubernetes 1.31.14 is built with it): as
 *   'bracket-ipv6', but IPv4 and IPv4-mapped IPv6 in brackets are both `invalid IPv6 host` (go.dev/issue/75815;
 *   go1.24.12 has the fix). Not modelled: Go 1.25.2's same regression (no Kubernetes release read uses it).
 * Go 1.26's urlstrictcolons applies only to http and https URLs; the dns:// and unix:// strings the tracing
 * validator parses keep the last-colon port rule, so it is not modelled here.
 */
import { parseAddr } from './netip';
import { goQuoteBytes, toByteString, type ByteString } from './quote';

export type NetUrlBehaviour = 'classic' | 'bracket-ipv6-host' | 'bracket-ipv6' | 'bracket-at-start';

export interface GoUrl {
  /** Lower-cased, as Go stores it. */
  scheme: string;
  opaque: string;
  host: string;
  path: string;
  rawQuery: string;
  fragment: string;
  hasUser: boolean;
}

export type UrlParseResult = { ok: true; url: GoUrl } | { ok: false; error: string };

class UrlError extends Error {}

/** `url.Parse(raw)`; on failure `error` is the whole `*url.Error` text, e.g. `parse "x": missing protocol scheme`. */
export function parseGoUrl(raw: string, behaviour: NetUrlBehaviour): UrlParseResult {
  const rawBytes = toByteString(raw);
  const hash = rawBytes.indexOf('#');
  const u = hash < 0 ? rawBytes : rawBytes.slice(0, hash);
  const frag = hash < 0 ? '' : rawBytes.slice(hash + 1);
  let url: GoUrl;
  try {
    url = parse(u, behaviour);
  } catch (error) {
    if (error instanceof UrlError) return { ok: false, error: `parse ${goQuoteBytes(u)}: ${error.message}` };
    throw error;
  }
  if (frag === '') return { ok: true, url };
  try {
    url.fragment = unescape(frag, Mode.Fragment);
  } catch (error) {
    if (error instanceof UrlError) return { ok: false, error: `parse ${goQuoteBytes(rawBytes)}: ${error.message}` };
    throw error;
  }
  return { ok: true, url };
}

const enum Mode {
  Path = 1,
  PathSegment,
  Host,
  Zone,
  UserPassword,
  QueryComponent,
  Fragment,
}

function isAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

function unhex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return 0;
}

function shouldEscape(byte: number, mode: Mode): boolean {
  if (isAlnum(byte)) return false;
  const c = String.fromCharCode(byte);
  if (mode === Mode.Host || mode === Mode.Zone) {
    // §3.2.2 sub-delims, plus ':' (port), '[' ']' (IPv6), '<' '>' '"' (Go allows them and rejects them later).
    if ('!$&\'()*+,;=:[]<>"'.includes(c)) return false;
  }
  if ('-_.~'.includes(c)) return false;
  if ('$&+,/:;=?@'.includes(c)) {
    switch (mode) {
      case Mode.Path:
        return c === '?';
      case Mode.PathSegment:
        return c === '/' || c === ';' || c === ',' || c === '?';
      case Mode.UserPassword:
        return c === '@' || c === '/' || c === '?' || c === ':';
      case Mode.QueryComponent:
        return true;
      case Mode.Fragment:
        return false;
    }
  }
  if (mode === Mode.Fragment && '!()*'.includes(c)) return false;
  return true;
}

function unescape(s: ByteString, mode: Mode): ByteString {
  let n = 0;
  for (let i = 0; i < s.length;) {
    const c = s.charCodeAt(i);
    if (c === 0x25 /* % */) {
      n++;
      if (i + 2 >= s.length || !isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2))) {
        throw new UrlError(`invalid URL escape ${goQuoteBytes(s.slice(i, i + 3))}`);
      }
      // In the host, %-encoding is only for non-ASCII bytes (RFC 3986), except %25 (RFC 6874 zones).
      if (mode === Mode.Host && unhex(s.charCodeAt(i + 1)) < 8 && s.slice(i, i + 3) !== '%25') {
        throw new UrlError(`invalid URL escape ${goQuoteBytes(s.slice(i, i + 3))}`);
      }
      if (mode === Mode.Zone) {
        const v = (unhex(s.charCodeAt(i + 1)) << 4) | unhex(s.charCodeAt(i + 2));
        if (s.slice(i, i + 3) !== '%25' && v !== 0x20 && shouldEscape(v, Mode.Host)) {
          throw new UrlError(`invalid URL escape ${goQuoteBytes(s.slice(i, i + 3))}`);
        }
      }
      i += 3;
    } else {
      if ((mode === Mode.Host || mode === Mode.Zone) && c < 0x80 && shouldEscape(c, mode)) {
        throw new UrlError(`invalid character ${goQuoteBytes(s.slice(i, i + 1))} in host name`);
      }
      i++;
    }
  }
  if (n === 0) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%') {
      out += String.fromCharCode((unhex(s.charCodeAt(i + 1)) << 4) | unhex(s.charCodeAt(i + 2)));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

/** net/url stringContainsCTLByte: any byte below space, or DEL. */
function containsControlByte(s: ByteString): boolean {
  for (let i = 0; i < s.length; i++) {
    const b = s.charCodeAt(i);
    if (b < 0x20 || b === 0x7f) return true;
  }
  return false;
}

/** [scheme, rest]; a leading ':' is `missing protocol scheme`. Scheme must be [a-zA-Z][a-zA-Z0-9+-.]*. */
function getScheme(raw: ByteString): [string, ByteString] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === 0x3a /* : */) {
      if (i === 0) throw new UrlError('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw]; // an invalid character: there is no scheme
  }
  return ['', raw];
}

function parse(raw: ByteString, behaviour: NetUrlBehaviour): GoUrl {
  if (containsControlByte(raw)) throw new UrlError('net/url: invalid control character in URL');
  const url: GoUrl = { scheme: '', opaque: '', host: '', path: '', rawQuery: '', fragment: '', hasUser: false };
  if (raw === '*') {
    url.path = '*';
    return url;
  }
  let [scheme, rest] = getScheme(raw);
  url.scheme = scheme.toLowerCase();

  if (rest.endsWith('?') && rest.indexOf('?') === rest.length - 1) {
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      url.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }

  if (!rest.startsWith('/')) {
    if (url.scheme !== '') {
      url.opaque = rest; // rootless paths are opaque (RFC 3986)
      return url;
    }
    // RFC 3986 §3.3: the first segment of a relative-path reference cannot contain a colon (go.dev/issue/16822).
    const slash = rest.indexOf('/');
    const segment = slash < 0 ? rest : rest.slice(0, slash);
    if (segment.includes(':')) throw new UrlError('first path segment in URL cannot contain colon');
  }

  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    parseAuthority(authority, url, behaviour);
  }
  url.path = unescape(rest, Mode.Path);
  return url;
}

function parseAuthority(authority: ByteString, url: GoUrl, behaviour: NetUrlBehaviour): void {
  const at = authority.lastIndexOf('@');
  url.host = parseHost(at < 0 ? authority : authority.slice(at + 1), behaviour);
  if (at < 0) return;
  const userinfo = authority.slice(0, at);
  if (!validUserinfo(userinfo)) throw new UrlError('net/url: invalid userinfo');
  const colon = userinfo.indexOf(':');
  if (colon < 0) {
    unescape(userinfo, Mode.UserPassword);
  } else {
    unescape(userinfo.slice(0, colon), Mode.UserPassword);
    unescape(userinfo.slice(colon + 1), Mode.UserPassword);
  }
  url.hasUser = true;
}

function parseHost(host: ByteString, behaviour: NetUrlBehaviour): ByteString {
  const open = behaviour === 'classic' ? (host.startsWith('[') ? 0 : -1) : host.lastIndexOf('[');
  if (open !== -1) {
    if (behaviour === 'bracket-at-start' && open > 0) throw new UrlError('invalid IP-literal');
    // An IP-Literal (RFC 3986, RFC 6874): "[fe80::1]", "[fe80::1%25en0]", "[fe80::1]:80".
    const close = host.lastIndexOf(']');
    if (close < 0) throw new UrlError("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) throw new UrlError(`invalid port ${goQuoteBytes(colonPort)} after host`);
    if (behaviour === 'classic') {
      // RFC 6874: %25 introduces the zone, which may use any %-encoding (with a few restrictions).
      const zone = host.slice(0, close).indexOf('%25');
      if (zone >= 0) {
        return (
          unescape(host.slice(0, zone), Mode.Host) + unescape(host.slice(zone, close), Mode.Zone) + unescape(host.slice(close), Mode.Host)
        );
      }
      return unescape(host, Mode.Host);
    }
    const port = unescape(colonPort, Mode.Host);
    const hostname = host.slice(open + 1, close);
    const zone = hostname.indexOf('%25');
    const unescaped =
      zone >= 0 ? unescape(hostname.slice(0, zone), Mode.Host) + unescape(hostname.slice(zone), Mode.Zone) : unescape(hostname, Mode.Host);
    // RFC 3986: only an IPv6 address may be enclosed in brackets (IPv4-mapped IPv6 is still IPv6).
    const addr = parseAddr(unescaped);
    if (!addr.ok) throw new UrlError(`invalid host: ${addr.error}`);
    // Go 1.24.8-1.24.9 refused IPv4-mapped IPv6 too, in other words (go.dev/issue/75815).
    if (behaviour === 'bracket-ipv6-host' && (addr.is4 || addr.is4In6)) throw new UrlError('invalid IPv6 host');
    if (addr.is4) throw new UrlError('invalid IP-literal');
    return `[${unescaped}]${port}`;
  }
  const colon = host.lastIndexOf(':');
  if (colon !== -1) {
    const colonPort = host.slice(colon);
    if (!validOptionalPort(colonPort)) throw new UrlError(`invalid port ${goQuoteBytes(colonPort)} after host`);
  }
  return unescape(host, Mode.Host);
}

/** Empty, or ':' followed by digits only. */
function validOptionalPort(port: ByteString): boolean {
  if (port === '') return true;
  if (port[0] !== ':') return false;
  for (let i = 1; i < port.length; i++) {
    const b = port.charCodeAt(i);
    if (b < 0x30 || b > 0x39) return false;
  }
  return true;
}

/** RFC 3986 userinfo characters (unreserved, sub-delims, ':', '%', '@'); Go checks runes, so any non-ASCII byte fails. */
function validUserinfo(s: ByteString): boolean {
  for (let i = 0; i < s.length; i++) {
    const b = s.charCodeAt(i);
    if (isAlnum(b)) continue;
    if ("-._:~!$&'()*+,;=%@".includes(String.fromCharCode(b))) continue;
    return false;
  }
  return true;
}

/** Which net/url host behaviours the patch releases of one Go minor have, oldest first, with the releases. */
export interface BehaviourInReleases {
  behaviour: NetUrlBehaviour;
  releases: string;
}

/**
 * Per Go minor: CVE-2025-47912 was fixed in Go 1.24.8 and 1.25.2 (1.23 was out of support and got no fix);
 * CVE-2026-25679 in Go 1.25.8 and 1.26.1 (1.24 got no fix). A Kubernetes minor's patch releases move to newer
 * Go patch releases, so within one Kubernetes minor the outcome can depend on the patch release.
 */
export function goNetUrlBehaviours(goMinor: string, firstPatch?: string, lastPatch?: string): BehaviourInReleases[] {
  const minorOf = (version: string) => Number(/^1\.(\d+)/.exec(version)?.[1] ?? Number.NaN);
  const patchOf = (version: string) => Number(/^1\.\d+\.(\d+)$/.exec(version)?.[1] ?? 0);
  const firstOf = (releases: string) => Number(/^Go 1\.\d+\.(\d+)/.exec(releases)?.[1] ?? 0);
  const last = minorOf(goMinor);
  // A Kubernetes minor's patch releases move from the Go release of its .0 (firstPatch, maybe an older Go minor)
  // up to that of its newest patch (lastPatch): the behaviours of every Go release on that way.
  const first = firstPatch && minorOf(firstPatch) < last ? minorOf(firstPatch) : last;
  if (Number.isNaN(last)) return goNetUrlBehavioursOfMinor(goMinor);
  const kept: BehaviourInReleases[] = [];
  for (let minor = first; minor <= last; minor++) {
    const all = goNetUrlBehavioursOfMinor(`1.${minor}`);
    const from = firstPatch && minorOf(firstPatch) === minor ? patchOf(firstPatch) : 0;
    const to = lastPatch && minor === last ? patchOf(lastPatch) : Infinity;
    // Entries the first release is already past (1.37.0: Go 1.26.6), or that start after the last one (1.31.14: Go 1.24.9).
    kept.push(
      ...all.filter(
        (entry, i) => (i === all.length - 1 || firstOf(all[i + 1]!.releases) > from) && (i === 0 || firstOf(entry.releases) <= to),
      ),
    );
  }
  return kept.length > 0 ? kept : goNetUrlBehavioursOfMinor(goMinor);
}

function goNetUrlBehavioursOfMinor(goMinor: string): BehaviourInReleases[] {
  const match = /^1\.(\d+)/.exec(goMinor);
  const minor = match ? Number(match[1]) : Number.NaN;
  if (Number.isNaN(minor)) return [{ behaviour: 'bracket-at-start', releases: `Go ${goMinor}` }];
  if (minor <= 23) return [{ behaviour: 'classic', releases: `Go 1.${minor}` }];
  if (minor === 24) {
    return [
      { behaviour: 'classic', releases: 'Go 1.24.0–1.24.7' },
      { behaviour: 'bracket-ipv6-host', releases: 'Go 1.24.8–1.24.9' },
      { behaviour: 'bracket-ipv6', releases: 'Go 1.24.10 and later' },
    ];
  }
  if (minor === 25) {
    return [
      { behaviour: 'classic', releases: 'Go 1.25.0–1.25.1' },
      { behaviour: 'bracket-ipv6', releases: 'Go 1.25.2–1.25.7' },
      { behaviour: 'bracket-at-start', releases: 'Go 1.25.8 and later' },
    ];
  }
  if (minor === 26) {
    return [
      { behaviour: 'bracket-ipv6', releases: 'Go 1.26.0' },
      { behaviour: 'bracket-at-start', releases: 'Go 1.26.1 and later' },
    ];
  }
  return [{ behaviour: 'bracket-at-start', releases: `Go 1.${minor}` }];
}
