import assert from 'node:assert/strict';

import type { LoggedRequest } from '../../sandbox/types';
import type { Execution } from './n8n';

export { assert };

/** The run succeeded: exit code 0 and n8n's own status. */
export function assertSucceeded(execution: Execution): void {
	const error = execution.run?.data.resultData.error;
	assert.equal(
		execution.code,
		0,
		`exit code ${execution.code}: ${error?.message ?? (execution.stderr || execution.stdout).slice(-800)}`,
	);
	assert.ok(execution.run, `no run JSON in the output:\n${execution.stdout.slice(0, 800)}`);
	assert.equal(error, undefined, `the run has an error: ${error?.message}`);
}

/** The run failed with a non-zero exit code, and n8n recorded the error. */
export function assertFailed(execution: Execution): string {
	assert.notEqual(execution.code, 0, 'the run exited 0');
	const message = execution.run?.data.resultData.error?.message;
	assert.ok(message, `no error in the run output:\n${execution.stdout.slice(0, 800)}`);
	return message;
}

/** Method and path of each request, in order. */
export const routes = (requests: LoggedRequest[]) => requests.map((r) => `${r.method} ${r.path}`);

/** Every request carried the API version and the expected token (its last four characters). */
export function assertSignedBy(requests: LoggedRequest[], token: string): void {
	assert.ok(requests.length > 0, 'no request reached the sandbox');
	for (const request of requests) {
		assert.equal(
			request.headers.version,
			'2021-07-28',
			`${request.method} ${request.path} lacks Version`,
		);
		assert.equal(
			request.headers.authorization,
			`Bearer <redacted:${token.slice(-4)}>`,
			`${request.method} ${request.path} used another token`,
		);
	}
}
