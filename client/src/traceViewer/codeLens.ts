/**
 * "Open in Trace Viewer" at the top of JSON/JSONL files that look like traces. The sniff reads only the first
 * 64 KB of the document (sniff.ts), so it costs nothing on ordinary JSON files.
 */
import * as vscode from 'vscode';
import { SNIFF_PREFIX_CHARS, sniffTraceFormat } from './sniff';

const FORMAT_NAMES = { otlp: 'OTLP', jaeger: 'Jaeger', zipkin: 'Zipkin' } as const;

export class TraceFileCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const end = document.positionAt(SNIFF_PREFIX_CHARS);
    const format = sniffTraceFormat(document.getText(new vscode.Range(new vscode.Position(0, 0), end)));
    if (!format) return [];
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title: 'Open in Trace Viewer',
        tooltip: `This file looks like ${FORMAT_NAMES[format]} trace data: open it in the kube-tracing trace viewer beside this editor.`,
        command: 'kubeTracing.openTrace',
        arguments: [document.uri],
      }),
    ];
  }
}

export const TRACE_FILE_SELECTOR: vscode.DocumentSelector = [
  { language: 'json', scheme: 'file' },
  { language: 'jsonc', scheme: 'file' },
  { language: 'jsonl', scheme: 'file' },
  { pattern: '**/*.jsonl', scheme: 'file' },
];
