// Runs n8n's scanner analysis on a directory: `analyzePackage` from @n8n/scan-community-package
// (the version pinned in devDependencies), which lints with the scanner's own ESLint, rule sets
// and `allowInlineConfig: false`. The scanner itself only takes a published package name; this
// runs the lint step of both its legs on a local tree instead.
// Runs as its own process because the scanner is an ES module, which jest's loader cannot load.
// Usage: node scan.mjs <directory> source|tarball ; prints { passed, message, details } as JSON.
import path from 'node:path';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const LEGS = {
	// The source at the commit the provenance attests: package.json, nodes/**, credentials/**.
	source: SOURCE_FILE_PATTERNS,
	// The published package; analyzePackageByName passes these inline (scanner 0.32.0).
	tarball: ['**/*.js', 'package.json'],
};

const [directory, leg] = process.argv.slice(2);
if (!LEGS[leg]) throw new Error(`usage: node scan.mjs <directory> ${Object.keys(LEGS).join('|')}`);
const { passed, message, details } = await analyzePackage(path.resolve(directory), LEGS[leg]);
process.stdout.write(JSON.stringify({ passed, message, details }));
