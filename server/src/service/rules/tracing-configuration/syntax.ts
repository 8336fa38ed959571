/**
 * A --tracing-config-file the YAML parser refuses, in kube-apiserver's words where they are known. A file that starts
 * with `{` is read as JSON (apimachinery's sniffing), so Go's JSON syntax error comes first; any other goes through
 * sigs.k8s.io/yaml YAMLToJSON, whose go-yaml v2 reports its own syntax errors (go/yamlV2Syntax.ts has the cases it
 * models). Otherwise the parser's message stands (undefined).
 */
import type { Finding } from '../../findings';
import { goYamlV2SyntaxError } from '../../go/yamlV2Syntax';
import { Severity } from '../../report';
import { nestingMessage } from '../../yaml/nesting';
import { checkJsonSyntax } from './decodeOrder';
import type { TracingFieldsTarget } from './target';

export function readerSyntaxError(target: TracingFieldsTarget): Finding[] | undefined {
  const json = checkJsonSyntax(target);
  if (json.length) return json;
  if (target.file.isJson) return undefined;
  const [first] = [...target.document.errors].sort((a, b) => a.pos[0] - b.pos[0]);
  if (!first || first.message === nestingMessage()) return undefined;
  const error = goYamlV2SyntaxError(target.file.text, first);
  if (!error) return undefined;
  const more = target.document.errors.length - 1;
  const after =
    more > 0
      ? ` The parser found ${more} more problem${more === 1 ? '' : 's'} after this one; fix this one first, the others usually follow from it.`
      : '';
  return [
    {
      range: target.file.lines.range(error.offset, Math.min(error.offset + 1, target.file.text.length)),
      severity: Severity.Error,
      code: 'yaml/syntax-error',
      message: error.message,
      explanation: `kube-apiserver cannot decode the file and exits ("failed to read tracing config: unable to decode tracing configuration data"): this is not valid YAML, in the words of the YAML reader it uses (go-yaml).${after}`,
    },
  ];
}
