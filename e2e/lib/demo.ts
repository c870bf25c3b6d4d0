import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox } from '../../sandbox/server';
import { loadExamples } from '../examples';
import type { Example } from '../examples';
import { oauthCredentialData, pitCredentials, prepareDemoContact } from '../fixtures';
import type { DemoContact } from '../fixtures';
import { webhookExampleForSandbox } from '../workflows';
import { buildAndPack, installCommunityPackage, installHost } from './install';
import { N8n } from './n8n';
import { stopAllOnExit } from './processes';
import { N8nRest } from './rest';
import { SandboxClient } from './sandboxClient';

export interface DemoInstance {
	sandbox: Awaited<ReturnType<typeof startSandbox>>;
	client: SandboxClient;
	n8n: N8n;
	/** Logged in as the owner. */
	rest: N8nRest;
	demo: DemoContact;
	examples: Example[];
	/** Stops n8n (by PID) and the sandbox. */
	shutDown(): Promise<void>;
}

/**
 * What `npm run demo` and `npm run screenshots` both stand on: the GHL sandbox with demo data and
 * n8n 2.41.1 with this package installed as a community package, the owner set up, both
 * credentials ("GHL Sandbox (token)" and a connected "GHL Sandbox (OAuth2)") and the examples
 * (the pushed-contact one trusting the sandbox's signing keys).
 * Ctrl-C or an exit stops whatever it started.
 */
export async function startDemo(
	ports: { sandbox: number; n8n: number },
	step: (text: string) => void,
): Promise<DemoInstance> {
	step('n8n 2.41.1 on Node 24 (installed into ~/.cache on first use: about 5 minutes)');
	const host = await installHost('n8n-2');
	step('building and packing the package');
	const packDir = mkdtempSync(join(tmpdir(), 'ghl-demo-pack-'));
	const tarball = await buildAndPack(packDir);

	const sandbox = await startSandbox({ port: ports.sandbox, contacts: 250, autoApprove: true });
	const client = new SandboxClient(sandbox);
	const n8n = new N8n(host, ports.n8n);
	const shutDown = async () => {
		await n8n.dispose();
		await sandbox.close();
	};
	stopAllOnExit(shutDown, 0);

	step(`GHL sandbox on ${sandbox.url}`);
	const demo = await prepareDemoContact(client);
	await installCommunityPackage(n8n.userFolder, tarball);
	rmSync(packDir, { recursive: true, force: true });
	await n8n.importCredentials(pitCredentials(client));
	const examples = loadExamples();
	const keys = await client.control<{ ed25519: string; rsa: string }>('GET', '/keys');
	// The pushed-contact example trusts the sandbox's signing keys, so the sandbox can push to it.
	await n8n.importWorkflows(
		examples.map((e) => (e.starts === 'webhook' ? webhookExampleForSandbox(keys) : e.workflow)),
	);
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
	return { sandbox, client, n8n, rest, demo, examples, shutDown };
}
