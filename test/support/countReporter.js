// CI reads the plain closing line `N passed, N failed`; jest's own summary has another shape.
// With GHL_COUNTS_FILE set, the counts are also written there for scripts/test.sh to add up.
const fs = require('node:fs');

class CountReporter {
	onRunComplete(_contexts, results) {
		const passed = results.numPassedTests;
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		const skipped = results.numPendingTests + results.numTodoTests;
		process.stdout.write(
			`\njest: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
		);
		if (process.env.GHL_COUNTS_FILE) {
			fs.appendFileSync(
				process.env.GHL_COUNTS_FILE,
				`${JSON.stringify({ layer: 'jest', passed, failed })}\n`,
			);
		}
	}
}
module.exports = CountReporter;
