/** The Collector config's editing assistance, as the assistants of assist/assistants.ts are asked. */
import type { DocumentAssistant } from '../../assist/assistants';
import { configsInForce } from '..';
import { collectorCompletions } from './completion';
import { collectorFixes } from './fixes';
import { componentHover, componentUnderCursor } from './hover';
import { configCursor } from './locate';

export const collectorAssistant: DocumentAssistant = {
  hover(located) {
    const at = configCursor(located.document.document, located.prepared.context, located.offset);
    const component = at && componentUnderCursor(at);
    const range = at?.cursor.scalar?.range;
    if (!at || !component || !range) return null;
    const contents = componentHover(at.target, component.kind, component.id);
    return contents ? { contents, range: at.target.file.lines.range(range[0], range[1]) } : null;
  },
  complete(located) {
    const at = configCursor(located.document.document, located.prepared.context, located.offset);
    return at ? collectorCompletions(at) : [];
  },
  fixes: (request) =>
    request.document
      ? collectorFixes(
          request.file,
          configsInForce(request.document.document, request.context).map((c) => c.target),
          request.finding,
        )
      : [],
};
