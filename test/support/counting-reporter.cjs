// Mocha's spec reporter, plus the run's counts as one JSON line appended to $KUBE_TRACING_TEST_COUNTS (when set):
// scripts/test.mjs reads the counts from there instead of parsing "N passing" out of the output.
const Mocha = require('mocha');
const { appendFileSync } = require('node:fs');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.KUBE_TRACING_TEST_COUNTS;
      if (!file) return;
      const { passes, failures, pending } = runner.stats;
      appendFileSync(file, `${JSON.stringify({ passes, failures, pending })}\n`);
    });
  }
}

module.exports = CountingReporter;
