/** Language-service findings → LSP diagnostics. The only place that knows both shapes. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { renderFindingMessage, type Finding } from '../service';

export const DIAGNOSTIC_SOURCE = 'kube-tracing';

export function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: finding.range,
    severity: finding.severity as DiagnosticSeverity,
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: renderFindingMessage(finding),
    relatedInformation: finding.related?.map((related) => ({
      location: { uri: related.uri, range: related.range },
      message: related.message,
    })),
    data: finding.data,
  };
}
