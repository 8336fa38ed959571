/**
 * The `kube-tracing` command (dist/cli.js). Subcommands share the language service and the trace model with
 * the editor; nothing here is a second implementation.
 */
import { parseArgs, UsageError } from './args';
import { CHECK_VALUE_OPTIONS, runCheck } from './check';
import { runSummarize, SUMMARIZE_VALUE_OPTIONS } from './summarize';
import { errorMessage } from '../../../common/src/errors';

const USAGE = `Usage:
  kube-tracing check <files or folders…> [--kubernetes-version 1.31] [--etcd-version 3.5.9]
                     [--collector-version 0.159.0] [--collector-distribution core|contrib|k8s|otlp]
                     [--collector-helm-chart-version 0.170.0]
                     [--format text|json|sarif] [--tracing-config-files <glob,…>] [--explain]
      Checks TracingConfiguration files (and, where supported, control-plane manifests) as Kubernetes would, and
      OpenTelemetry Collector configs as the Collector would (the Collector options apply where no image is found).
      Exit code: 0 no errors, 1 errors found, 2 bad usage.
  kube-tracing summarize <trace files or folders…> [--format text|json] [--top 20]
      Reads OTLP (JSON lines or protobuf), Jaeger and Zipkin trace files as one data set and prints the counts,
      the records that could not be read, and the slowest operations. Exit code: 1 if something could not be read.
  kube-tracing --version | --help`;

declare const CLI_VERSION: string;

export function main(
  argv: readonly string[],
  out = (t: string) => process.stdout.write(t + '\n'),
  err = (t: string) => process.stderr.write(t + '\n'),
): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return runCheck(parseArgs(rest, CHECK_VALUE_OPTIONS), out, err);
      case 'summarize':
        return runSummarize(parseArgs(rest, SUMMARIZE_VALUE_OPTIONS), out, err);
      case '--version':
        out(typeof CLI_VERSION === 'string' ? CLI_VERSION : 'dev');
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      err(`kube-tracing: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

/**
 * The process around main(): a closed pipe (`kube-tracing check . | head`) ends the command quietly, and an
 * unexpected error is one line naming it, never a stack trace.
 */
function runAsCommand(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      process.exitCode = 1;
    });
  }
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`kube-tracing: internal error (a bug; please report it): ${errorMessage(error)}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) runAsCommand();
