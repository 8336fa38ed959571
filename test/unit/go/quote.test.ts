/** strconv.Quote as Go prints it (%q), the form of string values in apimachinery field errors. */
import assert from 'node:assert/strict';
import { goQuote, goQuoteBytes, toByteString } from '../../../server/src/service/go/quote';

describe('go/quote: strconv.Quote', () => {
  it('escapes quotes, backslashes and control characters the Go way', () => {
    assert.equal(goQuote('a"b\\c'), '"a\\"b\\\\c"');
    assert.equal(goQuote('\t\n\r\x07\x00\x7f'), '"\\t\\n\\r\\a\\x00\\x7f"');
  });

  it('keeps printable Unicode and escapes non-printing runes with \\u', () => {
    assert.equal(goQuote('héllo 世界'), '"héllo 世界"');
    assert.equal(goQuote('\u200b'), '"\\u200b"');
    assert.equal(goQuote('\u0085'), '"\\u0085"');
  });

  it('shows bytes that are not valid UTF-8 as \\x', () => {
    assert.equal(goQuoteBytes('%z\xc3'), '"%z\\xc3"');
    assert.equal(goQuoteBytes(toByteString('é')), '"é"');
  });
});
