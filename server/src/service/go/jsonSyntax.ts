/**
 * Go's encoding/json syntax check (`checkValid`, run by json.Unmarshal before decoding), for its verdict and its
 * exact error text, e.g. `invalid character 'a' looking for beginning of object key string`.
 * Mirrors go/src/encoding/json/scanner.go (the state functions, quoteChar, "unexpected end of JSON input").
 * kube-apiserver meets it on a file that starts with `{` (apimachinery's JSON/YAML sniffing): a YAML flow mapping
 * such as `{endpoint: localhost:4317}` is read as JSON and fails here.
 * Works on UTF-8 bytes, as Go does.
 */
import { toByteString } from './quote';

export interface JsonSyntaxError {
  message: string;
  /** Byte offset of the offending byte (the input's length for an unexpected end). */
  offset: number;
}

type Step = (c: number) => 'continue' | 'error';

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** encoding/json quoteChar: `'\''`, `'"'`, else strconv.Quote of the byte as a rune, in single quotes. */
function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  return `'${JSON.stringify(String.fromCharCode(c))
    .slice(1, -1)
    .replace(/\\u00([0-9a-f]{2})/g, '\\x$1')}'`;
}

/** The first syntax error of `text` as Go's json.Unmarshal reports it, or null when it is valid JSON. */
export function goJsonSyntaxError(text: string): JsonSyntaxError | null {
  const bytes = toByteString(text);
  const stack: ('object' | 'array')[] = [];
  let error: string | null = null;
  let endTop = false;
  const fail = (c: number, context: string) => {
    error = `invalid character ${quoteChar(c)} ${context}`;
    return 'error' as const;
  };
  // Per open object: true while a key (not a value) is being read; arrays keep false.
  const keyFlags: boolean[] = [];
  const close = (): 'continue' => {
    stack.pop();
    keyFlags.pop();
    if (stack.length === 0) endTop = true;
    step = stack.length === 0 ? endTopStep : endValue;
    return 'continue';
  };

  const beginValue: Step = (c) => {
    if (isSpace(c)) return 'continue';
    switch (c) {
      case 0x7b:
        stack.push('object');
        keyFlags.push(true);
        step = beginStringOrEmpty;
        return 'continue';
      case 0x5b:
        stack.push('array');
        keyFlags.push(false);
        step = beginValueOrEmpty;
        return 'continue';
      case 0x22:
        step = inString;
        return 'continue';
      case 0x2d:
        step = neg;
        return 'continue';
      case 0x30:
        step = zero;
        return 'continue';
      case 0x74:
        step = literal('true', 1);
        return 'continue';
      case 0x66:
        step = literal('false', 1);
        return 'continue';
      case 0x6e:
        step = literal('null', 1);
        return 'continue';
    }
    if (c >= 0x31 && c <= 0x39) {
      step = one;
      return 'continue';
    }
    return fail(c, 'looking for beginning of value');
  };
  const beginValueOrEmpty: Step = (c) => {
    if (isSpace(c)) return 'continue';
    if (c === 0x5d) return endValue(c);
    return beginValue(c);
  };
  const beginStringOrEmpty: Step = (c) => {
    if (isSpace(c)) return 'continue';
    if (c === 0x7d) {
      keyFlags[keyFlags.length - 1] = false;
      return endValue(c);
    }
    return beginString(c);
  };
  const beginString: Step = (c) => {
    if (isSpace(c)) return 'continue';
    if (c === 0x22) {
      step = inString;
      return 'continue';
    }
    return fail(c, 'looking for beginning of object key string');
  };
  const endValue: Step = (c) => {
    if (stack.length === 0) {
      endTop = true;
      step = endTopStep;
      return endTopStep(c);
    } // a top-level scalar ended
    if (isSpace(c)) {
      step = endValue;
      return 'continue';
    }
    const inObject = stack[stack.length - 1] === 'object';
    const readingKey = keyFlags[keyFlags.length - 1]!;
    if (inObject && readingKey) {
      if (c === 0x3a) {
        keyFlags[keyFlags.length - 1] = false;
        step = beginValue;
        return 'continue';
      }
      return fail(c, 'after object key');
    }
    if (inObject) {
      if (c === 0x2c) {
        keyFlags[keyFlags.length - 1] = true;
        step = beginString;
        return 'continue';
      }
      if (c === 0x7d) return close();
      return fail(c, 'after object key:value pair');
    }
    if (c === 0x2c) {
      step = beginValue;
      return 'continue';
    }
    if (c === 0x5d) return close();
    return fail(c, 'after array element');
  };
  const endTopStep: Step = (c) => {
    endTop = true;
    if (!isSpace(c)) return fail(c, 'after top-level value');
    return 'continue';
  };
  const inString: Step = (c) => {
    if (c === 0x22) {
      step = endValue;
      return 'continue';
    }
    if (c === 0x5c) {
      step = inStringEsc;
      return 'continue';
    }
    if (c < 0x20) return fail(c, 'in string literal');
    return 'continue';
  };
  const inStringEsc: Step = (c) => {
    if ('bfnrt\\/"'.includes(String.fromCharCode(c))) {
      step = inString;
      return 'continue';
    }
    if (c === 0x75) {
      step = hexEscape(1);
      return 'continue';
    }
    return fail(c, 'in string escape code');
  };
  const hexEscape =
    (n: number): Step =>
    (c) => {
      if (!isHex(c)) return fail(c, 'in \\u hexadecimal character escape');
      step = n === 4 ? inString : hexEscape(n + 1);
      return 'continue';
    };
  const neg: Step = (c) => {
    if (c === 0x30) {
      step = zero;
      return 'continue';
    }
    if (c >= 0x31 && c <= 0x39) {
      step = one;
      return 'continue';
    }
    return fail(c, 'in numeric literal');
  };
  const one: Step = (c) => (isDigit(c) ? 'continue' : zero(c));
  const zero: Step = (c) => {
    if (c === 0x2e) {
      step = dot;
      return 'continue';
    }
    if (c === 0x65 || c === 0x45) {
      step = exponent;
      return 'continue';
    }
    return endValue(c);
  };
  const dot: Step = (c) => {
    if (isDigit(c)) {
      step = dot0;
      return 'continue';
    }
    return fail(c, 'after decimal point in numeric literal');
  };
  const dot0: Step = (c) => {
    if (isDigit(c)) return 'continue';
    if (c === 0x65 || c === 0x45) {
      step = exponent;
      return 'continue';
    }
    return endValue(c);
  };
  const exponent: Step = (c) => {
    if (c === 0x2b || c === 0x2d) {
      step = exponentSign;
      return 'continue';
    }
    return exponentSign(c);
  };
  const exponentSign: Step = (c) => {
    if (isDigit(c)) {
      step = exponentDigits;
      return 'continue';
    }
    return fail(c, 'in exponent of numeric literal');
  };
  const exponentDigits: Step = (c) => (isDigit(c) ? 'continue' : endValue(c));
  function literal(word: string, index: number): Step {
    return (c) => {
      if (c === word.charCodeAt(index)) {
        step = index + 1 === word.length ? endValue : literal(word, index + 1);
        return 'continue';
      }
      return fail(c, `in literal ${word} (expecting ${quoteChar(word.charCodeAt(index))})`);
    };
  }

  let step: Step = beginValue;
  for (let i = 0; i < bytes.length; i++) {
    if (step(bytes.charCodeAt(i)) === 'error') return { message: error!, offset: i };
  }
  // scanner.eof: a number or literal may end at the end of input; anything else open is an unexpected end.
  if (!endTop) {
    if (step === one || step === zero || step === dot0 || step === exponentDigits) {
      if (stack.length === 0) return null;
    }
    return { message: 'unexpected end of JSON input', offset: bytes.length };
  }
  return null;
}
