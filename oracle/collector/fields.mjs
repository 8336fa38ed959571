// fields.json (docs/collector-data-format.md) from the oracle Collector's dump (program/dump.go): the keys of each
// built-in factory's default config, per release we built; a type's deprecated alias decodes into the same struct.
// Ranges only join adjacent releases (minor + 1) that we built and that say the same thing: no interpolation.
const minor = (version) => Number(version.split('.')[1]);

/** dumps: Map version → dump entries. */
export function fieldsFrom(dumps) {
  const fields = {};
  for (const version of [...dumps.keys()].sort((a, b) => minor(a) - minor(b))) {
    for (const d of dumps.get(version)) {
      if (!d.keys) continue;
      const key = `${d.kind}/${d.type}`;
      const ranges = (fields[key] ??= []);
      const last = ranges[ranges.length - 1];
      if (last && minor(version) === minor(last.to) + 1 && last.goType === d.goType && JSON.stringify(last.keys) === JSON.stringify(d.keys))
        last.to = version;
      else ranges.push({ from: version, to: version, goType: d.goType, keys: d.keys });
    }
  }
  for (const ranges of Object.values(fields)) ranges.reverse();
  return fields;
}

/** Differences between what a dump says now and the committed fields.json for that release. */
export function fieldsDisagreements(version, dump, committed) {
  const out = [];
  const inRange = (r) => minor(version) >= minor(r.from) && minor(version) <= minor(r.to ?? r.from);
  for (const d of dump) {
    if (!d.keys) continue;
    const range = committed[`${d.kind}/${d.type}`]?.find(inRange);
    if (!range) out.push(`${version} ${d.kind}/${d.type}: no committed fields`);
    else if (range.goType !== d.goType || JSON.stringify(range.keys) !== JSON.stringify(d.keys))
      out.push(`${version} ${d.kind}/${d.type}: fields differ from the committed data`);
  }
  return out;
}
