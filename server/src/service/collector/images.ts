/**
 * Collector release images: `otel/opentelemetry-collector[-contrib|-k8s|-otlp][:tag]` and the same names under
 * ghcr.io/open-telemetry/opentelemetry-collector-releases. Mirrors open-telemetry/opentelemetry-collector-releases
 * distributions/<name>/.goreleaser.yaml (the docker and ghcr image names per distribution).
 */
import type { Distribution } from './catalog';

const IMAGE_BODY = String.raw`(?:docker\.io\/)?(?:otel|ghcr\.io\/open-telemetry\/opentelemetry-collector-releases)\/opentelemetry-collector(-contrib|-k8s|-otlp)?(?::([\w.-]+))?`;
const IMAGE = new RegExp(String.raw`(?:^|[\s"'])${IMAGE_BODY}(?=$|[\s"'@])`, 'm');
const WHOLE_IMAGE = new RegExp(String.raw`^${IMAGE_BODY}(?:@sha256:[0-9a-f]+)?$`);

export interface ImageReference {
  distribution: Distribution;
  tag: string | undefined;
  offset: number;
  length: number;
  /** The reference as written (without a digest). */
  text: string;
}

function referenceOf(match: RegExpExecArray, lead: number): ImageReference {
  const suffix = match[1];
  const distribution: Distribution = suffix === '-contrib' ? 'contrib' : suffix === '-k8s' ? 'k8s' : suffix === '-otlp' ? 'otlp' : 'core';
  const text = match[0].slice(lead).replace(/@.*$/, '');
  return { distribution, tag: match[2], offset: match.index + lead, length: text.length, text };
}

/** The last text searched and its answer: every Collector config of a file searches the whole file's text. */
let lastSearch: { text: string; found: ImageReference | undefined } | undefined;

/** The first Collector release image named anywhere in a text (a container's image, a comment). */
export function findCollectorImage(text: string): ImageReference | undefined {
  if (lastSearch?.text === text) return lastSearch.found && { ...lastSearch.found };
  const match = IMAGE.exec(text);
  const found = match ? referenceOf(match, /^[\s"']/.test(match[0]) ? 1 : 0) : undefined;
  lastSearch = { text, found };
  return found && { ...found };
}

/** A whole image value (`otel/opentelemetry-collector-contrib:0.159.0`), or undefined for another image. */
export function imageReferenceIn(value: string): ImageReference | undefined {
  const match = WHOLE_IMAGE.exec(value.trim());
  return match ? referenceOf(match, 0) : undefined;
}
