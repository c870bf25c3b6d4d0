import { config } from '@n8n/node-cli/eslint';

/*
 * The rules for dev-only code (sandbox, test, e2e, bench, scripts): n8n's template minus the rules
 * for code n8n loads. That code runs on Node, so it may use process, timers, fs and the console;
 * n8n's node and credential conventions do not apply to it either.
 * Each dev folder's eslint.config.mjs re-exports this. With ESLint's per-directory config lookup
 * (`npm run lint` turns it on; the default from ESLint 10) a file takes the nearest config, so
 * these folders never see the root template and nodes/, credentials/ never see this one.
 */
const PLUGINS = ['@n8n/community-nodes', 'n8n-nodes-base'];
const shippedCodeRules = config
	.flatMap((entry) => Object.keys(entry.rules ?? {}))
	.filter((rule) => PLUGINS.some((plugin) => rule.startsWith(`${plugin}/`)));

export default [
	...config,
	{
		files: ['**/*.ts'],
		rules: {
			...Object.fromEntries(shippedCodeRules.map((rule) => [rule, 'off'])),
			'no-console': 'off',
			// Tests read untyped JSON bodies and n8n internals.
			'@typescript-eslint/no-explicit-any': 'off',
			// `const { omitted, ...rest } = value` is how the sandbox drops fields.
			'@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
		},
	},
];
