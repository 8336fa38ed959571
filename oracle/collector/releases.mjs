// The releases the Collector data covers: the newest 20 (v0.146.0–v0.165.0) and the seeds' era (the jaeger
// exporter's last release v0.84.0 and the first without it, v0.85.0; the logging exporter's last v0.110.0 and the
// first without it, v0.111.0), plus one release of each decode-message epoch for the golden tests (v0.96.0,
// v0.143.0: v0.96.0 rather than v0.105.0 because the proxy serves v0.105.0 without the logging exporter). Every module of one build is taken at the same x.y.0 release.
export const NEWEST_20 = Array.from({ length: 20 }, (_, i) => `0.${165 - i}.0`);
export const ERA = ['0.143.0', '0.111.0', '0.110.0', '0.96.0', '0.85.0', '0.84.0'];
export const RELEASES = [...NEWEST_20, ...ERA];
/** Releases whose distribution manifests exist in the releases repository clone we read (tags up to v0.159.0). */
export const MANIFEST_RELEASES = RELEASES.filter((v) => Number(v.split('.')[1]) <= 159);
/** The golden collectors, newest first: one per decode-message epoch (the newest, v0.129–v0.143, ≤ v0.105). */
export const GOLDEN = ['0.165.0', '0.143.0', '0.96.0'];
/** Releases whose oracle Collector is built for config fields (besides GOLDEN): each build costs minutes. */
export const FIELD_RELEASES = [...GOLDEN];
