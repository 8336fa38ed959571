/** `kubeTracing/collectorPipelines` → service pipelineGraphsOfFile(): the pipeline view's graph of an open document. */
import { CollectorPipelinesRequest, type CollectorPipelinesResult } from '../../../common/src/protocolPipelines';
import { pipelineGraphsOfFile } from '../service';
import { assistInputFor, guarded, type AssistEnvironment } from './commands';

export function registerCollectorPipelines(environment: AssistEnvironment): void {
  environment.connection.onRequest(CollectorPipelinesRequest.type, ({ uri }) =>
    guarded(environment, 'collectorPipelines', null, async (): Promise<CollectorPipelinesResult | null> => {
      const input = await assistInputFor(environment, uri);
      return input ? { uri, configs: pipelineGraphsOfFile(input) } : null;
    }),
  );
}
