// Writes the flag facts of schemas/etcd-versions.json from what the oracle read: which flags each patch release
// registers and which warning it logs for each deprecated one (flags.json, read from source), and which flags
// are booleans (the built releases' flag sets).
// Only the generated keys change; the hand-kept ones (messages, tracing flags, pairing) stay, and the tracing
// flags' ranges are checked against the real registrations instead of being rewritten.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TRACING = [
  'enable-distributed-tracing',
  'distributed-tracing-address',
  'distributed-tracing-service-name',
  'distributed-tracing-instance-id',
  'distributed-tracing-sampling-rate',
];

const minorOf = (release) => release.replace(/^v/, '').split('.').slice(0, 2).join('.');
const bare = (release) => release.replace(/^v/, '');

/**
 * The release ranges in which `has(release, key)` holds, for every key: [{ from, to? }], `to` inclusive; a range
 * that lasts to the newest patch release we read of a minor ends at `<minor>.99` (later patches of that minor
 * are assumed to keep it), and one that lasts to the newest release of all is open.
 */
function rangesOf(order, keys, has) {
  const lastOfMinor = new Set(order.filter((release, i) => minorOf(release) !== minorOf(order[i + 1] ?? '')));
  const ranges = new Map();
  for (const key of keys) {
    const list = [];
    let start;
    order.forEach((release, i) => {
      if (!has(release, key)) return;
      if (start === undefined) start = release;
      const next = order[i + 1];
      if (next === undefined || !has(next, key)) {
        list.push(
          next === undefined
            ? { from: bare(start) }
            : { from: bare(start), to: lastOfMinor.has(release) ? `${minorOf(release)}.99` : bare(release) },
        );
        start = undefined;
      }
    });
    ranges.set(key, list);
  }
  return ranges;
}

/** Each flag name's release ranges. */
export function flagRanges(releases) {
  const order = Object.keys(releases);
  const names = [...new Set(order.flatMap((release) => releases[release]))].sort();
  return rangesOf(order, names, (release, name) => releases[release].includes(name));
}

/** Each deprecation warning's ranges: [{ name, from, to?, message }], by name. */
export function deprecationRanges(deprecated) {
  const order = Object.keys(deprecated);
  const keys = [...new Set(order.flatMap((release) => Object.entries(deprecated[release]).map((entry) => JSON.stringify(entry))))].sort();
  const ranges = rangesOf(order, keys, (release, key) => {
    const [name, message] = JSON.parse(key);
    return deprecated[release][name] === message;
  });
  return [...ranges].flatMap(([key, list]) => {
    const [name, message] = JSON.parse(key);
    return list.map((range) => ({ name, ...range, message }));
  });
}

export function writeEtcdData({ root, patches, flagSets, pairing }) {
  const path = join(root, 'schemas', 'etcd-versions.json');
  const table = JSON.parse(readFileSync(path, 'utf8'));
  const ranges = flagRanges(patches.releases);
  const problems = [];
  for (const facts of table.tracingFlags) {
    const expect = (name, want) => {
      const got = JSON.stringify(ranges.get(name) ?? []);
      if (got !== JSON.stringify(want)) problems.push(`--${name}: etcd registers it in ${got}, the data says ${JSON.stringify(want)}`);
    };
    const [major, minor] = table.experimentalRemovedFrom.split('.').map(Number);
    expect(`${table.experimentalPrefix}${facts.name}`, [{ from: facts.experimentalFrom, to: `${major}.${minor - 1}.99` }]);
    expect(facts.name, [{ from: facts.from }]);
  }
  if (problems.length) throw new Error(`schemas/etcd-versions.json tracingFlags disagree with the real code:\n${problems.join('\n')}`);

  const tracingNames = new Set(TRACING.flatMap((name) => [name, `${table.experimentalPrefix}${name}`]));
  const groups = new Map();
  for (const [name, list] of ranges) {
    if (tracingNames.has(name)) continue;
    for (const range of list) {
      const key = `${range.from}|${range.to ?? ''}`;
      if (!groups.has(key)) groups.set(key, { ...range, names: [] });
      groups.get(key).names.push(name);
    }
  }
  table.otherFlags = [...groups.values()].sort((a, b) => compare(a.from, b.from) || compare(a.to ?? '9.9.9', b.to ?? '9.9.9'));
  const bools = new Set();
  for (const flags of flagSets.values()) for (const flag of flags) if (flag.bool && !tracingNames.has(flag.name)) bools.add(flag.name);
  table.boolFlags = [...bools].sort();
  table.deprecatedFlags = deprecationRanges(patches.deprecated);
  table.kubeadmPairing = pairing;
  writeFileSync(path, `${JSON.stringify(table, null, 2)}\n`);
}

function compare(a, b) {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}
