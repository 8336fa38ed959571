/**
 * Recognizing template sources (Helm/Go `{{ }}`, Jinja `{% %}` `{{ }}` `{# #}`, ERB `<% %>` `<%= %>`, envsubst
 * `${VAR}`). Kubernetes never reads these files: it reads what a template engine renders from them. Checked as YAML
 * they give one syntax error per tag line (228 in one real Helm file) and values such as `--feature-gates={{ g }}`
 * that no component would ever see, so the language service says one thing about a template and checks nothing
 * in it (languageService.ts).
 *
 * Tags inside YAML comments do not count: a manifest with `# see {{ docs }}` is not a template. Nor do Go tags in
 * a Cluster API ClusterClass that is YAML as written: Cluster API evaluates them in its own fields
 * (`patches[].enabledIf`, `jsonPatches[].valueFrom.template`: sigs.k8s.io/cluster-api api/core/v1beta2
 * clusterclass_types.go ClusterClassPatch.EnabledIf, JSONPatchValue.Template), and the file is applied as it is.
 */
import { parseFile } from '../yaml/parse';

export interface TemplateTag {
  /** The engine family, as users name it. */
  readonly language: 'Helm/Go' | 'Jinja' | 'ERB' | 'envsubst';
  /** Offsets of the tag in the text. */
  readonly start: number;
  readonly end: number;
}

/** `{{ … }}` and `{% … %}` / `{# … #}` (Jinja) and `<% … %>` (ERB); a tag does not span a blank line. */
const TAG = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}|<%[\s\S]*?%>/g;
/** envsubst substitutes `${NAME}` (and `$NAME`, which is too common in shell snippets to count). */
const ENVSUBST = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/g;

export interface TemplateScan {
  /** The first tag, where the one finding goes. */
  readonly first: TemplateTag;
  /** Every engine seen, first one first (a Jinja file also has `{{ }}`). */
  readonly languages: readonly TemplateTag['language'][];
  /** The text with each tag blanked (same length, same line breaks), for recognizing what the template renders. */
  readonly blanked: string;
}

/**
 * The template tags of `text` outside comments, or undefined when it has none. `envsubstIsTemplate` is false for
 * files whose own reader expands `${VAR}` (the OpenTelemetry Collector does), where it is not a template tag.
 */
export function scanTemplate(text: string, envsubstIsTemplate: boolean): TemplateScan | undefined {
  if (!/\{\{|\{%|\{#|<%|\$\{/.test(text)) return undefined; // the common case: one cheap test
  const tags: TemplateTag[] = [];
  let clusterClasses: ReadonlyArray<readonly [number, number]> | undefined;
  for (const match of text.matchAll(TAG)) {
    const start = match.index;
    if (inComment(text, start)) continue;
    const language = languageOf(match[0]);
    if (language === 'Helm/Go' && (clusterClasses ??= clusterClassDocuments(text)).some(([from, to]) => start >= from && start < to))
      continue;
    tags.push({ language, start, end: start + match[0].length });
  }
  if (envsubstIsTemplate) {
    for (const match of text.matchAll(ENVSUBST)) {
      if (!inComment(text, match.index)) tags.push({ language: 'envsubst', start: match.index, end: match.index + match[0].length });
    }
  }
  if (tags.length === 0) return undefined;
  tags.sort((a, b) => a.start - b.start);
  const languages = [...new Set(tags.map((tag) => tag.language))];
  // Jinja shares `{{ }}` with Go templates: a file with any `{% %}` is Jinja throughout.
  const jinja = languages.includes('Jinja');
  const named = (tag: TemplateTag): TemplateTag => (jinja && tag.language === 'Helm/Go' ? { ...tag, language: 'Jinja' } : tag);
  return { first: named(tags[0]!), languages: [...new Set(tags.map((tag) => named(tag).language))], blanked: blank(text, tags) };
}

const CLUSTER_CLASS = /^kind:[ \t]*["']?ClusterClass["']?[ \t]*$/m;

/** The [start, end) ranges of the documents that are ClusterClasses and parse as YAML with their tags as written. */
function clusterClassDocuments(text: string): Array<readonly [number, number]> {
  if (!CLUSTER_CLASS.test(text)) return [];
  const starts = [0, ...[...text.matchAll(/^---[ \t]*(?:#.*)?$/gm)].map((m) => m.index)];
  return starts
    .map((start, i) => [start, starts[i + 1] ?? text.length] as const)
    .filter(([start, end]) => {
      const piece = text.slice(start, end);
      return CLUSTER_CLASS.test(piece) && parseFile('clusterclass:', piece).documents.every((d) => d.syntaxProblems.length === 0);
    });
}

function languageOf(tag: string): TemplateTag['language'] {
  if (tag.startsWith('<%')) return 'ERB';
  if (tag.startsWith('{%') || tag.startsWith('{#')) return 'Jinja';
  return 'Helm/Go';
}

/** The offset is after a YAML comment's `#` on its line (`#` at the line start or after a blank; `{#` is a Jinja tag). */
function inComment(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /(^|[ \t])#/.test(text.slice(lineStart, offset).replace(/\{#/g, '{_'));
}

/**
 * Each tag replaced by what keeps the YAML around it in shape: a line holding only control tags (`{% for %}`,
 * `{{- end }}`) becomes blank; a tag inside a line becomes letters of the same length (a plain scalar).
 */
function blank(text: string, tags: readonly TemplateTag[]): string {
  const out = text.split('');
  for (const tag of tags) {
    const lineStart = text.lastIndexOf('\n', tag.start - 1) + 1;
    const lineEndAt = text.indexOf('\n', tag.end);
    const lineEnd = lineEndAt < 0 ? text.length : lineEndAt;
    const alone = text.slice(lineStart, tag.start).trim() === '' && text.slice(tag.end, lineEnd).trim() === '';
    for (let i = tag.start; i < tag.end; i++) if (out[i] !== '\n') out[i] = alone ? ' ' : 'x';
  }
  return out.join('');
}
