/**
 * go-yaml v2's guard against alias bombs, which refuses a --tracing-config-file before anything is decoded.
 * Mirrors gopkg.in/yaml.v2 decode.go (v2.2.8 and later; sigs.k8s.io/yaml's goyaml.v2 fork keeps it), run by
 * sigs.k8s.io/yaml YAMLToJSON's yaml.Unmarshal into an interface{}: every node the decoder visits counts
 * (decodeCount), and those visited through an alias count again as alias-driven (aliasCount); once there are more
 * than 100 of those among more than 1,000 visits and their share exceeds allowedAliasRatio, decoding stops with
 * "yaml: document contains excessive aliasing". The walk below visits the yaml library's nodes in go-yaml's order
 * (document, key then value, merge sequences from the last item) and checks after each visit, as unmarshal does.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document } from 'yaml';
import type { Finding } from '../../findings';
import { findingAt, Severity } from '../../report';
import { deref, type AstNode } from '../../yaml/nodes';
import type { TracingFieldsTarget } from './target';

export const EXCESSIVE_ALIASING = 'yaml: document contains excessive aliasing';

/** decode.go allowedAliasRatio: 99 % up to 400,000 visits, scaling down to 10 % at 4,000,000. */
function allowedAliasRatio(decodeCount: number): number {
  const low = 400_000;
  const high = 4_000_000;
  if (decodeCount <= low) return 0.99;
  if (decodeCount >= high) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - low) / (high - low));
}

class AliasBudget {
  decodeCount = 0;
  aliasCount = 0;
  aliasDepth = 0;
  /** Aliases being expanded (go-yaml refuses one that contains itself; the walk just does not loop). */
  readonly open = new Set<AstNode>();
  constructor(private readonly document: Document.Parsed) {}

  /** One decoder visit of `node` (null: the empty scalar go-yaml makes of `key:`); true when go-yaml gives up. */
  visit(node: unknown): boolean {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount))
      return true;
    if (isAlias(node)) {
      const target = deref(node, this.document);
      if (!target || this.open.has(node)) return false;
      this.open.add(node);
      this.aliasDepth++;
      const stop = this.visit(target);
      this.aliasDepth--;
      this.open.delete(node);
      return stop;
    }
    if (isSeq(node)) return node.items.some((item) => this.visit(item));
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        if (
          isScalar(pair.key) && typeof pair.key.value === 'symbol' ? this.merge(pair.value) : this.visit(pair.key) || this.visit(pair.value)
        )
          return true;
      }
    }
    return false;
  }

  /** decode.go merge: a sequence of maps is merged from its last item; the merge key itself is not visited. */
  private merge(value: unknown): boolean {
    if (!isSeq(value)) return this.visit(value);
    return [...value.items].reverse().some((item) => this.visit(item));
  }
}

/** The excessive-aliasing refusal of a YAML document, when go-yaml would give it. */
export function checkAliasLimit(target: TracingFieldsTarget): Finding[] {
  const { document, file } = target;
  if (file.isJson || !file.text.includes('*')) return [];
  const budget = new AliasBudget(document);
  // Unmarshal visits the document node, then its content.
  budget.decodeCount++;
  if (!budget.visit(document.contents)) return [];
  return [
    findingAt(file, document.contents, {
      severity: Severity.Error,
      code: `${target.codePrefix}/excessive-aliasing`,
      message: EXCESSIVE_ALIASING,
      explanation:
        'kube-apiserver cannot decode the file and exits ("failed to read tracing config: unable to decode tracing configuration data"): its YAML reader refuses a document whose aliases expand to far more nodes than it holds (an alias bomb). Write the values out instead of aliasing them.',
    }),
  ];
}
