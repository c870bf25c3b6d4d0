/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		// Type checking runs once over the whole tree (`tsc -p tsconfig.dev.json`); jest only transpiles.
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json', diagnostics: false }],
	},
	reporters: ['default', '<rootDir>/test/support/countReporter.js'],
	setupFiles: ['<rootDir>/test/support/env.js'],
	testTimeout: 60000,
	// n8n-core leaves timers and handles open after a workflow run; they are not ours to close.
	forceExit: true,
};
