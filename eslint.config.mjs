import { globalIgnores } from 'eslint/config';
import { config } from '@n8n/node-cli/eslint';

/*
 * n8n's community rules (cloud rules included) for nodes/, credentials/ and package.json.
 * Dev-only code runs on Node and needs the APIs the cloud rules forbid, so it is left out here;
 * test/package/pack.test.ts lints the published JavaScript with the cloud rules instead.
 * Any change from the template requires "strict": false in package.json's n8n section.
 */
export default [
	...config,
	globalIgnores([
		'sandbox/**',
		'test/**',
		'scripts/**',
		'e2e/**',
		'bench/**',
		'examples/**',
		'*.js',
	]),
];
