/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		// Type checking runs once over the whole tree (`tsc -p tsconfig.dev.json`); jest only transpiles.
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json', isolatedModules: true, diagnostics: false }],
	},
	reporters: ['default', '<rootDir>/test/support/countReporter.js'],
	testTimeout: 60000,
};
