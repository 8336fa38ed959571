/**
 * Custom LSP messages between the extension and the language server, typed once for both sides
 * (the pattern of vscode-eslint's customMessages module, shared by its client and server). Standard LSP messages
 * need no entry here.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { EtcdVersionSource, KubernetesVersionSource } from './versionSources';

/** Which Kubernetes (and etcd) version the server used for a document, and where it came from. */
export interface VersionInForce {
  uri: string;
  kubernetesVersion: string;
  /** `setting`, `image tag`, `referencing manifest` or `default`. */
  kubernetesVersionSource: KubernetesVersionSource;
  /** Where exactly: the image (`registry.k8s.io/kube-apiserver:v1.26.3`) or the referencing manifest's path. */
  kubernetesVersionDetail?: string;
  etcdVersion?: string;
  etcdVersionSource?: EtcdVersionSource;
  /** For an OpenTelemetry Collector config: the release and distribution its rules use, and where they came from. */
  collector?: CollectorInForceAnswer;
}

export interface CollectorInForceAnswer {
  /** `0.159.0`, or `unknown` without data and image tag. */
  version: string;
  distribution: 'core' | 'contrib' | 'k8s' | 'otlp';
  /**
   * The image in this file, a Helm values file's image.repository/image.tag (or the chart's appVersion), a workload's
   * image elsewhere in the workspace, the Operator's default, the settings, or the newest known.
   */
  origin: 'image' | 'helm-values' | 'workspace-image' | 'operator-default' | 'setting' | 'default';
  /** The image (and the file holding it, for a workspace image). */
  detail?: string;
  /** The image is `:latest` or untagged: the newest known release was assumed. */
  latest: boolean;
  /** False when neither an image nor the setting named the distribution (contrib assumed). */
  distributionKnown: boolean;
}

export namespace VersionInForceRequest {
  export const method = 'kubeTracing/versionInForce';
  export const type = new RequestType<{ uri: string }, VersionInForce | null, void>(method);
}

/** "Enable Tracing in This Manifest": the client asks endpoint and rate, the server computes the edit (one undo step). */
export interface EnableTracingParams {
  uri: string;
  /** The OTLP gRPC collector endpoint, e.g. `localhost:4317`. */
  endpoint: string;
  samplingRatePerMillion: number;
}

export type EnableTracingResult = { edit: WorkspaceEdit; summary: string } | { error: string };

export namespace EnableTracingRequest {
  export const method = 'kubeTracing/enableTracing';
  export const type = new RequestType<EnableTracingParams, EnableTracingResult, void>(method);
}

/**
 * Asked before the command asks anything: can tracing be enabled in this manifest at all (a kube-apiserver or etcd
 * pod, a version that has tracing, no tracing set up yet)? `error` says why not; absent, the questions follow.
 */
export interface CanEnableTracingParams {
  uri: string;
}

export namespace CanEnableTracingRequest {
  export const method = 'kubeTracing/canEnableTracing';
  export const type = new RequestType<CanEnableTracingParams, { error?: string }, void>(method);
}

/** Sent by the server once it has validated a document, so tests and the status bar can wait on it. */
export interface DocumentValidated {
  uri: string;
  version: number | null;
  diagnosticCount: number;
}

export namespace DocumentValidatedNotification {
  export const method = 'kubeTracing/documentValidated';
  export const type = new NotificationType<DocumentValidated>(method);
}
