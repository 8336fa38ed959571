/**
 * Hover on a component (its key under receivers/processors/exporters/connectors/extensions, or its id in a
 * pipeline): what it does, and what it is in the release and distribution in force — stability per signal, the
 * distributions that have it, alias or rename, removal — from the generated catalogue.
 */
import type { ComponentKind } from '../catalog';
import { findComponent, typesIn } from '../catalog';
import { SECTIONS, componentType } from '../configView';
import type { CollectorTarget } from '../target';
import { COMPONENT_DESCRIPTIONS } from './descriptions';
import type { ConfigCursor } from './locate';

/** The component the cursor names: a section key, or a pipeline reference (a connector when one has the id). */
export function componentUnderCursor(at: ConfigCursor): { kind: ComponentKind; id: string } | undefined {
  const { cursor, path, target } = at;
  if (cursor.place === 'key' && path.length === 2) {
    const section = SECTIONS.find((s) => s.key === path[0]);
    return section ? { kind: section.kind, id: String(path[1]) } : undefined;
  }
  if (cursor.place === 'item' && path.length === 5 && path[0] === 'service' && path[1] === 'pipelines' && cursor.scalar) {
    const role = String(path[3]);
    const id = String(cursor.scalar.value);
    const kind = role === 'receivers' ? 'receiver' : role === 'processors' ? 'processor' : role === 'exporters' ? 'exporter' : undefined;
    if (!kind) return undefined;
    const isConnector = kind !== 'processor' && target.view.components.some((c) => c.kind === 'connector' && c.id === id);
    return { kind: isConnector ? 'connector' : kind, id };
  }
  return undefined;
}

function signals(stability: Record<string, string>): string {
  return Object.entries(stability)
    .map(([signal, level]) => `**${signal}** ${level}`)
    .join(' · ');
}

export function componentHover(target: CollectorTarget, kind: ComponentKind, id: string): string | null {
  const type = componentType(id);
  const { catalog, collector } = target;
  const header = `**${kind} \`${type}\`**${id !== type ? ` (id \`${id}\`)` : ''}`;
  const known = catalog ? findComponent(catalog, kind, type, collector.version) : undefined;
  const current = known?.entry.aliasOf ?? type;
  const description = COMPONENT_DESCRIPTIONS[`${kind}/${current}`];
  const lines = [description ? `${header}: ${description}` : header];
  const where = `Collector ${collector.version}, ${collector.distribution} (${collector.source})`;
  if (!catalog) return lines.join('\n\n');
  if (!known) {
    const removed = catalog.components.find((c) => c.kind === kind && c.type === type);
    const last = removed?.history
      .map((h) => h.to)
      .filter((t): t is string => t !== null)
      .sort()
      .at(-1);
    lines.push(last ? `Not in ${where}: its last release in kube-tracing's data is ${last}.` : `No ${kind} of this type in ${where}.`);
    return lines.join('\n\n');
  }
  const { entry, range } = known;
  const inThis = typesIn(catalog, kind, collector.version, collector.distribution).includes(type);
  lines.push(`${inThis ? 'In' : '**Not** in'} ${where}: ${signals(range.stability) || 'no stability data'}.`);
  lines.push(`Distributions with it in ${collector.version}: ${range.distributions.join(', ') || 'none'}.`);
  if (entry.aliasOf) lines.push(`A deprecated alias of \`${entry.aliasOf}\`: the Collector accepts it and logs a warning.`);
  const aliases = catalog.components
    .filter((c) => c.kind === kind && c.aliasOf === type && c.history.some((h) => h.to === null))
    .map((c) => `\`${c.type}\``);
  if (aliases.length > 0) lines.push(`Also accepted under the old name ${aliases.join(', ')}.`);
  if (range.to !== null) lines.push(`Its last release in kube-tracing's data is ${range.to}.`);
  if (entry.module) lines.push(`Module: \`${entry.module}\``);
  return lines.join('\n\n');
}
