/**
 * The language service's one entry: what the LSP handlers (server/src/handlers/), the workspace view
 * (server/src/workspace/) and the CLI (server/src/cli/) may use. They import from here, never from single rule or
 * assist modules, so the service can move its insides without touching its callers
 * (test/unit/architecture.test.ts enforces it).
 */
export { codeActions, complete, hover } from './assist';
export type { AssistInput, CodeAction, CompletionItem, Hover } from './assist';
export { planEnableTracing } from './assist/enableTracing';
export { versionInForce } from './assist/versionInForce';
export { uriToPath } from './context';
export type { ValidationOptions, WorkspaceFiles } from './context';
export { renderFindingMessage, Severity } from './findings';
export type { Finding, Range } from './findings';
export { validateSource } from './languageService';
export { filesRunBy } from './collector/workloads';
export { collectorConfigsFedBy } from './collector/configsFedBy';
export { pipelineGraphsOfFile } from './collector/pipelineGraphOfFile';
export { referencesIn, referencesTo, resolveReference } from './rules/kube-apiserver/references';
export { formatEtcdVersion } from './rules/etcd/facts';
export { formatMinor, parseMinor } from './versions';
export { IncrementalParser } from './yaml/incrementalParse';
export { MAX_VALIDATED_BYTES } from './yaml/parse';
