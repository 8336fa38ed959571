/** What each Collector rule reads: the config view, the Collector in force, the catalogue (maybe absent). */
import type { ValidationOptions } from '../context';
import type { ParsedFile } from '../yaml/parse';
import type { CollectorCatalog } from './catalog';
import type { CollectorInForce } from './collectorInForce';
import type { CollectorConfigView } from './configView';

export interface CollectorTarget {
  file: ParsedFile;
  view: CollectorConfigView;
  /** Undefined while schemas/collector/ is absent: data-dependent rules say nothing. */
  catalog: CollectorCatalog | undefined;
  collector: CollectorInForce;
  /** The file's path and the validation's options (the workspace, for the rules that look at other files). */
  path?: string;
  options?: ValidationOptions;
}
