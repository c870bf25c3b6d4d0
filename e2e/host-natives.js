// Proves that an n8n host's native modules work under the Node running this file: each module is
// loaded from the current folder (the host's) and used once, since a module can load and still
// fail at its first call. Exits 1 naming every module that failed.
//   usage (from the host folder): node e2e/host-natives.js sqlite3 isolated-vm
'use strict';
const { createRequire } = require('node:module');
const { join } = require('node:path');

const requireFromHost = createRequire(join(process.cwd(), 'package.json'));

const checks = {
	sqlite3: () =>
		new Promise((resolve, reject) => {
			const sqlite3 = requireFromHost('sqlite3');
			const db = new sqlite3.Database(':memory:');
			db.get('SELECT 41 + 1 AS answer', (error, row) => {
				db.close();
				if (error) reject(error);
				else if (row.answer !== 42) reject(new Error(`SELECT 41 + 1 gave ${row.answer}`));
				else resolve();
			});
		}),
	'isolated-vm': async () => {
		const ivm = requireFromHost('isolated-vm');
		const isolate = new ivm.Isolate({ memoryLimit: 8 });
		try {
			const answer = isolate.compileScriptSync('41 + 1').runSync(isolate.createContextSync());
			if (answer !== 42) throw new Error(`41 + 1 gave ${answer}`);
		} finally {
			isolate.dispose();
		}
	},
};

async function main() {
	const names = process.argv.slice(2);
	const failed = [];
	for (const name of names) {
		const check = checks[name];
		try {
			if (!check) throw new Error('no check for this module in e2e/host-natives.js');
			await check();
		} catch (error) {
			failed.push(`${name}: ${String(error.message).split('\n')[0]}`);
		}
	}
	const where = `${process.cwd()} under Node ${process.version}`;
	if (failed.length > 0) {
		console.error(`native modules that do not work in ${where}:\n  ${failed.join('\n  ')}`);
		process.exit(1);
	}
	console.error(`native modules work in ${where}: ${names.join(', ')}`);
}

main();
