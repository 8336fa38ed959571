/**
 * What the assistance says about TracingConfiguration, read from the same data as the rules:
 * schemas/tracing-configuration.schema.json (field types and the Go doc comments) and the tracingConfiguration
 * table of schemas/kubernetes-versions.json (served apiVersions and where each was read).
 */
import schema from '../../../../../schemas/tracing-configuration.schema.json';
import { tracingConfigurationFacts } from '../../versions';

export interface FieldFact {
  name: string;
  /** The Go doc comment. */
  description: string;
  /** The Go type as the decoder sees it, e.g. `*int32`. */
  goType: string;
}

interface SchemaProperty {
  description?: string;
  type?: string | string[];
  minimum?: number;
  maximum?: number;
}

const INT32_MAX = 2147483647;

function goTypeOf(property: SchemaProperty): string {
  const types = Array.isArray(property.type) ? property.type : [property.type ?? 'string'];
  const pointer = types.includes('null') ? '*' : '';
  if (types.includes('integer')) return `${pointer}${property.maximum === INT32_MAX ? 'int32' : 'int64'}`;
  return `${pointer}${types.find((t) => t !== 'null') ?? 'string'}`;
}

export const TRACING_FIELDS: readonly FieldFact[] = Object.entries(schema.properties as Record<string, SchemaProperty>).map(
  ([name, property]) => ({
    name,
    description: property.description ?? '',
    goType: goTypeOf(property),
  }),
);

export function fieldFact(name: string): FieldFact | undefined {
  return TRACING_FIELDS.find((field) => field.name === name);
}

export const TRACING_GROUP = tracingConfigurationFacts.group;
export const TRACING_KIND = tracingConfigurationFacts.kind;

// Served apiVersions and strict decoding are what the rules decide; the assistance asks the same functions.
export {
  TRACING_API_VERSIONS as API_VERSIONS,
  servedApiVersions,
  type TracingApiVersion as ApiVersionFact,
} from '../../rules/tracing-configuration/apiVersionAndKind';
export { decodesStrictly } from '../../rules/tracing-configuration';

export const STRICT_DECODING_FROM = tracingConfigurationFacts.strictDecodingFrom;
