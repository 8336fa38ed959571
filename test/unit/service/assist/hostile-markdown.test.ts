/**
 * Text from a file never becomes markup in a hover: a backtick cannot end a code span early, and `[x](command:…)`
 * links, HTML and direction overrides from the file stay literal text. (Before, a backtick in an image string broke
 * out of the hover's code span and the rest of the string was live markdown.) The markdown is read here the way
 * CommonMark reads code spans and backslash escapes, so a test fails if anything from the file is left live.
 */
import assert from 'node:assert/strict';
import { notificationText, visible } from '../../../../common/src/displayText';
import { codeSpan, plainText } from '../../../../server/src/service/text/markdown';
import { hoverAt } from './helpers';

const EVIL = 'Evil`[x](command:workbench.action.terminal.new)<img src=x onerror=alert(1)>\u202Etxt.exe';

/** The markdown outside code spans, with backslash-escaped characters removed (CommonMark code spans and escapes). */
function liveText(markdown: string): string {
  let out = '';
  let i = 0;
  while (i < markdown.length) {
    const c = markdown[i]!;
    if (c === '\\' && i + 1 < markdown.length && /[!-/:-@[-`{-~]/.test(markdown[i + 1]!)) {
      i += 2; // an escaped punctuation character is literal
      continue;
    }
    if (c === '`') {
      let run = 0;
      while (markdown[i + run] === '`') run++;
      // The span closes at the next run of exactly the same length; without one, the backticks are literal.
      let close = -1;
      for (let j = i + run; j < markdown.length;) {
        if (markdown[j] !== '`') {
          j++;
          continue;
        }
        let other = 0;
        while (markdown[j + other] === '`') other++;
        if (other === run) {
          close = j;
          break;
        }
        j += other;
      }
      if (close < 0) {
        out += '`'.repeat(run);
        i += run;
      } else i = close + run;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function assertInert(markdown: string | null): void {
  assert.ok(markdown, 'a hover is shown');
  const live = liveText(markdown);
  assert.doesNotMatch(live, /\]\(|<img|<\/?b>/, `live markup from the file in:\n${markdown}`);
  assert.ok(!markdown.includes('\u202E'), 'a right-to-left override is shown, not applied');
}

const pod = (gates: string, image: string) => `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-apiserver
    - --feature-gates=${gates}
    image: ${image}
    name: kube-apiserver
`;
const GATE = 'Evil`[x](command:workbench.action.terminal.new)<b>bold</b>\u202Etxt.exe';

describe('hostile text from files in hovers', () => {
  it('a gate name with backticks, a command link, HTML and a right-to-left override', () => {
    const hover = hoverAt(pod(`|${GATE}=true`, 'registry.k8s.io/kube-apiserver:v1.33.0'), { fileName: 'kube-apiserver.yaml' });
    assertInert(hover);
    assert.match(hover!, /⟨U\+202E⟩txt\.exe/);
  });

  it('an image string with a backtick, on the image and through the version source of other hovers', () => {
    for (const image of [
      '"registry.k8s.io/kube-apiserver:v1.33.0``[x](command:evil)<img src=x>"',
      '"registry.k8s.io/kube-apiserver:v1.33.0`[x](command:evil)<img src=x>"',
    ]) {
      assertInert(hoverAt(pod('APIServerTracing=true', `${image}|`), { fileName: 'kube-apiserver.yaml' }));
      assertInert(hoverAt(pod('|APIServerTracing=true', image), { fileName: 'kube-apiserver.yaml' }));
    }
  });

  it('a TracingConfiguration endpoint, unknown field and apiVersion', () => {
    assertInert(hoverAt('apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\nendpoint: "a`[x](command:evil)<img>|"\n'));
    assertInert(
      hoverAt('apiVersion: apiserver.config.k8s.io/v1\nkind: TracingConfiguration\n"e``[x](command:evil)<img>|": 1\n', { version: '1.33' }),
    );
    assertInert(hoverAt('apiVersion: "x`[x](command:evil)<img>|"\nkind: TracingConfiguration\n'));
  });

  it('codeSpan and plainText hold for any backtick run, and say what is invisible', () => {
    for (const text of ['`', '``a``', '` x `', 'a```b`', EVIL, '']) {
      const span = codeSpan(text);
      assert.equal(liveText(span).replace('(empty)', ''), '', `${JSON.stringify(text)} → ${span}`);
      assert.doesNotMatch(liveText(plainText(text)), /[`[\]<>*_&]/, `${JSON.stringify(text)} → ${plainText(text)}`);
    }
    assert.equal(visible('a\u202Eb\u0000c\r\nd'), 'a⟨U+202E⟩b⟨U+0000⟩c d');
    assert.equal(codeSpan('x'.repeat(200)).length < 120, true);
  });

  it('a notification cannot carry a link', () => {
    assert.equal(notificationText('Added [x](command:evil) and [y] (z)'), 'Added [x] (command:evil) and [y] (z)');
  });
});
