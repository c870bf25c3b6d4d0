import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox } from '../sandbox/server';
import { example, loadExamples } from '../e2e/examples';
import { oauthCredentialData, pitCredentials, prepareDemoContact } from '../e2e/fixtures';
import { buildAndPack, installCommunityPackage, installHost } from '../e2e/lib/install';
import { N8n, nodeItems } from '../e2e/lib/n8n';
import { preferredPort } from '../e2e/lib/ports';
import { stopAllOnExit } from '../e2e/lib/processes';
import { N8nRest, OWNER } from '../e2e/lib/rest';
import { SandboxClient } from '../e2e/lib/sandboxClient';

/**
 * `npm run demo`: the GHL sandbox with demo data and real n8n 2.41.1 with this package installed
 * as a community package, the owner, both credentials and the examples set up; one example run
 * headlessly; then the editor stays up with the trigger examples active until Ctrl-C.
 * `--ci` (or CI=true) exits after the headless run.
 */
async function main(): Promise<void> {
	const ci = process.argv.includes('--ci') || process.env.CI === 'true';
	const step = (text: string) => console.log(`» ${text}`);

	step('n8n 2.41.1 on Node 24 (installed into ~/.cache on first use: several minutes)');
	const host = await installHost('n8n-2');
	step('building and packing the package');
	const tarball = await buildAndPack(mkdtempSync(join(tmpdir(), 'ghl-demo-pack-')));

	const sandbox = await startSandbox({
		port: await preferredPort(8787),
		contacts: 250,
		autoApprove: true,
	});
	const client = new SandboxClient(sandbox);
	const n8n = new N8n(host, await preferredPort(Number(process.env.DEMO_N8N_PORT ?? 5678)));
	const shutDown = async () => {
		await n8n.dispose();
		await sandbox.close();
	};
	stopAllOnExit(shutDown, 0);

	step(`GHL sandbox on ${sandbox.url}`);
	const demo = await prepareDemoContact(client);
	await installCommunityPackage(n8n.userFolder, tarball);
	await n8n.importCredentials(pitCredentials(client));
	const examples = loadExamples();
	await n8n.importWorkflows(examples.map((e) => e.workflow));
	step(`starting n8n on ${n8n.url}`);
	await n8n.start();
	const rest = new N8nRest(n8n.url);
	await rest.setUpOwner();
	const oauthId = await rest.createCredential(
		'GHL Sandbox (OAuth2)',
		'ghlOAuth2Api',
		oauthCredentialData(client),
	);
	await rest.connectOAuth2(oauthId);
	step(
		'credentials: "GHL Sandbox (token)" (Private Integration Token) and "GHL Sandbox (OAuth2)" (connected)',
	);

	const enrich = example('enrich-contact.json').workflow;
	step(`running "${enrich.name}" headlessly`);
	const execution = await n8n.execute(enrich.id);
	const [contact] = nodeItems(execution.run, 'Contact With Activity');
	if (execution.code !== 0 || !contact) {
		console.error(execution.stdout.slice(-3000));
		throw new Error(`the example failed (exit ${execution.code})`);
	}
	console.log(JSON.stringify(contact, null, 2));
	if (contact.id !== demo.id)
		throw new Error(`the example found ${String(contact.id)}, not ${demo.id}`);

	if (ci) {
		await shutDown();
		step('CI mode: done');
		return;
	}
	const polling = examples.filter((e) => e.polling);
	for (const { workflow } of polling) await rest.activate(workflow.id);
	console.log(
		[
			'',
			`Editor:   ${n8n.url}`,
			`Login:    ${OWNER.email} / ${OWNER.password}`,
			`Active:   ${polling.map((e) => e.workflow.name).join('; ')}`,
			`Examples: ${examples.map((e) => e.workflow.name).join('; ')}`,
			`Sandbox:  ${sandbox.url} (control API under /__sandbox; e.g. POST /__sandbox/contacts to add a contact for the trigger)`,
			'',
			'Ctrl-C stops n8n and the sandbox.',
		].join('\n'),
	);
	// The sandbox and n8n keep running until Ctrl-C, whose handler stops them by PID.
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exit(1);
});
