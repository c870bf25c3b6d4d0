import { existsSync } from 'node:fs';
import path from 'node:path';

export const PACKAGE_ROOT = path.resolve(__dirname, '../..');

/** Tests of the shipped artifact read `dist/`; they never build it themselves. */
export function requireBuild(): void {
	if (!existsSync(path.join(PACKAGE_ROOT, 'dist', 'credentials'))) {
		throw new Error('dist/ is missing: run `npm run build` first (`npm test` does this for you)');
	}
}
