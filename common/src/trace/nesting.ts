/**
 * The nesting-depth limit of the trace readers: the same 256 levels as the language service's
 * (server/src/service/yaml/nesting.ts). JSON.parse itself is iterative in V8, but our walkers over what it gives
 * (the dispatcher over wrapper arrays, AnyValue arrays and kvlists in JSON and protobuf) recurse: 100,000 nested
 * arrayValues ran out of stack. Past the limit the record is reported as not readable, with this message.
 */
export const MAX_TRACE_NESTING_DEPTH = 256;

export class NestingTooDeepError extends Error {
  constructor(what: string) {
    super(`${what} nested deeper than ${MAX_TRACE_NESTING_DEPTH} levels: not read (no trace exporter writes this)`);
  }
}
