// Lints JavaScript files with only n8n's two cloud rules, the way n8n's scanner checks a published
// package: ESLint's API, no config file, inline `eslint-disable` comments ignored.
// Runs as its own process because the rule plugin is an ES module, which jest's loader cannot load.
// Usage: node cloudLint.mjs <directory> <file relative to it>... ; prints the messages as JSON.
import path from 'node:path';

import { ESLint } from 'eslint';
import { config } from '@n8n/node-cli/eslint';

const PLUGIN = '@n8n/community-nodes';
const plugin = config.find((entry) => entry.plugins?.[PLUGIN]).plugins[PLUGIN];

const [directory, ...files] = process.argv.slice(2);
const eslint = new ESLint({
	cwd: path.resolve(directory),
	overrideConfigFile: true,
	allowInlineConfig: false,
	overrideConfig: [
		{
			files: ['**/*.js'],
			languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' },
			plugins: { [PLUGIN]: plugin },
			rules: {
				[`${PLUGIN}/no-restricted-imports`]: 'error',
				[`${PLUGIN}/no-restricted-globals`]: 'error',
			},
		},
	],
});

const results = await eslint.lintFiles(files);
const messages = results.flatMap((result) =>
	result.messages.map(({ ruleId, message, line }) => ({
		file: result.filePath,
		ruleId,
		message,
		line,
	})),
);
process.stdout.write(JSON.stringify(messages));
