/** The Collector config's editing assistance, as the assistants of assist/assistants.ts are asked. */
import type { DocumentAssistant } from '../../assist/assistants';
import { configsInForce } from '..';
import { collectorFixes } from './fixes';

export const collectorAssistant: DocumentAssistant = {
  fixes: (request) =>
    request.document ? collectorFixes(request.file, configsInForce(request.document.document, request.context).map((c) => c.target), request.finding) : [],
};
