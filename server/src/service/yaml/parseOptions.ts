/**
 * How every file is parsed, by the `yaml` library and by the fast path (fast/), which must give the same result:
 * YAML 1.1 as Kubernetes' go-yaml v2 reads it, duplicate keys kept (a rule of its own reports them with
 * Kubernetes' messages), plain error texts.
 */
export const PARSE_OPTIONS = {
  version: '1.1',
  uniqueKeys: false,
  prettyErrors: false,
  keepSourceTokens: false,
  strict: false,
} as const;
