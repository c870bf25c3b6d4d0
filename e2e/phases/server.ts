import type { LoggedRequest } from '../../sandbox/types';
import { startSandbox } from '../../sandbox/server';
import { example, loadExamples } from '../examples';
import { oauthCredentialData, pitCredentials, prepareDemoContact } from '../fixtures';
import { assert, assertSignedBy, assertSucceeded, routes } from '../lib/expect';
import { installCommunityPackage } from '../lib/install';
import type { N8nHost } from '../lib/install';
import { N8n, nodeItems, storedRun } from '../lib/n8n';
import { preferredPort } from '../lib/ports';
import type { Report } from '../lib/report';
import { N8nRest, waitFor } from '../lib/rest';
import { SandboxClient } from '../lib/sandboxClient';
import { withCredential } from '../workflowBuilder';
import { agencyConnection } from './agency';
import { agencyTriggers } from './agencyTriggers';
import { browserPhase } from './browser';
import { hostileChecks } from './hostile';
import { webhookTrigger } from './webhookTrigger';

const OAUTH_WORKFLOW_ID = 'e2eOAuthEnrich01';
const PACKAGE = 'n8n-nodes-ghl-contacts';

interface TokenData {
	access_token: string;
	refresh_token: string;
	locationId?: string;
}

/**
 * A started n8n, driven as the editor drives it: owner set-up, the node list, an OAuth2
 * credential connected through n8n's own flow and refreshed twice, the polling trigger activated,
 * Fetch Test Event, the webhook trigger receiving the sandbox's deliveries, an agency connection
 * running the agency example and both triggers across sub-accounts, and the transport
 * against a hostile GHL (endless paging, redirects, echoed secrets).
 */
export async function serverPhase(
	report: Report,
	host: N8nHost,
	tarball: string,
	port: number,
): Promise<void> {
	report.section(`server phase on ${host.name}`);
	const sandbox = await startSandbox({ port: 0, contacts: 120 });
	const client = new SandboxClient(sandbox);
	const n8n = new N8n(host, await preferredPort(port));
	const rest = new N8nRest(n8n.url);
	try {
		await report.must('the packed package installs as a community package', () =>
			installCommunityPackage(n8n.userFolder, tarball),
		);
		await prepareDemoContact(client);
		await n8n.importCredentials(pitCredentials(client));
		await n8n.importWorkflows(
			loadExamples()
				.filter((e) => e.starts === 'poll')
				.map((e) => e.workflow),
		);
		await report.must(`n8n start answers on ${n8n.url}`, () => n8n.start());
		await report.must('the owner is set up over REST and logs in', () => rest.setUpOwner());
		await nodeList(report, rest, n8n);
		await browserPhase(report, host, n8n, rest, client);
		await oauth(report, rest, n8n, client);
		const agency = await agencyConnection(report, rest, n8n, client);
		await trigger(report, rest, client);
		await fetchTestEvent(report, rest, host, client);
		await webhookTrigger(report, rest, n8n, client);
		await agencyTriggers(report, rest, n8n, client, agency);
		await hostileChecks(report, rest, n8n);
	} finally {
		await n8n.dispose();
		await sandbox.close();
	}
}

async function nodeList(report: Report, rest: N8nRest, n8n: N8n): Promise<void> {
	await report.check(
		'/types/nodes.json lists the three nodes with their icons and credentials',
		async () => {
			const types = await rest.request<Array<Record<string, unknown>>>('GET', '/types/nodes.json');
			for (const name of ['ghlContacts', 'ghlContactsTrigger', 'ghlWebhookTrigger']) {
				const node = types.find((t) => t.name === `${PACKAGE}.${name}`);
				assert.ok(node, `${PACKAGE}.${name} is missing`);
				const credentials = (node.credentials as Array<{ name: string }>).map((c) => c.name).sort();
				assert.deepEqual(credentials, ['ghlApi', 'ghlOAuth2Api']);
				const iconUrl = node.iconUrl as { light: string; dark: string };
				for (const url of [iconUrl.light, iconUrl.dark]) {
					const icon = await fetch(`${n8n.url}/${url}`);
					assert.equal(icon.status, 200, `${url}: ${icon.status}`);
					assert.match(await icon.text(), /<svg/);
				}
			}
			const credentialTypes = await rest.request<Array<{ name: string }>>(
				'GET',
				'/types/credentials.json',
			);
			for (const name of ['ghlApi', 'ghlOAuth2Api']) {
				assert.ok(
					credentialTypes.some((c) => c.name === name),
					`credential type ${name} is missing`,
				);
			}
		},
	);
}

async function oauth(
	report: Report,
	rest: N8nRest,
	n8n: N8n,
	client: SandboxClient,
): Promise<void> {
	const credentialId = await report.must('an OAuth2 credential is created over REST', () =>
		rest.createCredential('GHL Sandbox (OAuth2)', 'ghlOAuth2Api', oauthCredentialData(client)),
	);
	await client.clearLog();
	const connected = await report.must(
		"n8n's Connect flow authorizes at the sandbox and stores the tokens",
		async () => {
			const { authorizeUrl, callbackPage } = await rest.connectOAuth2(credentialId);
			const url = new URL(authorizeUrl);
			assert.equal(url.origin + url.pathname, `${client.url}/v2/oauth/chooselocation`);
			assert.equal(url.searchParams.get('client_id'), client.sandbox.oauthClient.clientId);
			assert.equal(
				url.searchParams.get('redirect_uri'),
				`${n8n.url}/rest/oauth2-credential/callback`,
			);
			assert.match(callbackPage, /success/i);
			const exchange = (await client.requests()).filter((r) => r.path === '/oauth/token');
			assert.equal(exchange.length, 1);
			assert.equal((exchange[0].body as { grant_type: string }).grant_type, 'authorization_code');
			const tokens = (await n8n.exportCredential(credentialId)).oauthTokenData as TokenData;
			assert.ok(tokens.access_token && tokens.refresh_token, 'no tokens stored');
			assert.equal(tokens.locationId, client.sandbox.mainLocationId);
			return tokens;
		},
	);

	const workflow = withCredential(example('enrich-contact.json').workflow, OAUTH_WORKFLOW_ID, {
		type: 'ghlOAuth2Api',
		id: credentialId,
		name: 'GHL Sandbox (OAuth2)',
	});
	await n8n.importWorkflows([workflow]);
	const runEnrich = async () => {
		await client.clearLog();
		const execution = await n8n.execute(OAUTH_WORKFLOW_ID);
		return { execution, requests: await client.requests() };
	};

	const first = await runEnrich();
	await report.check('a workflow runs with the OAuth2 credential', () => {
		assertSucceeded(first.execution);
		assert.equal(nodeItems(first.execution.run, 'Contact With Activity').length, 1);
		assertSignedBy(first.requests, connected.access_token);
	});

	let previous = connected;
	for (const round of ['first', 'second']) {
		await client.control('POST', `/tokens/${encodeURIComponent(previous.access_token)}/expire`);
		const again = await runEnrich();
		const current = previous;
		previous = await report.must(
			`${round} refresh: the expired token is refreshed once and the run succeeds`,
			async () => {
				assertSucceeded(again.execution);
				const refreshes = again.requests.filter((r) => r.path === '/oauth/token');
				assert.equal(refreshes.length, 1, `token requests: ${refreshes.length}`);
				assert.equal((refreshes[0].body as { grant_type: string }).grant_type, 'refresh_token');
				assert.equal(refreshes[0].status, 200, 'the stored refresh token was refused');
				// The transport's attempt reads the 401; its second attempt lets n8n see the 401, refresh
				// and retry with the new token.
				const opening = again.requests.slice(0, 4).map((r) => `${r.method} ${r.path} ${r.status}`);
				assert.deepEqual(opening, [
					'POST /contacts/search 401',
					'POST /contacts/search 401',
					'POST /oauth/token 200',
					'POST /contacts/search 200',
				]);
				const stored = (await n8n.exportCredential(credentialId)).oauthTokenData as TokenData;
				assert.notEqual(
					stored.access_token,
					current.access_token,
					'the new access token was not stored',
				);
				assert.notEqual(
					stored.refresh_token,
					current.refresh_token,
					'the rotated refresh token was not stored',
				);
				const api = again.requests.filter(
					(r: LoggedRequest) => r.path !== '/oauth/token' && r.status === 200,
				);
				assertSignedBy(api, stored.access_token);
				return stored;
			},
		);
	}
}

async function trigger(report: Report, rest: N8nRest, client: SandboxClient): Promise<void> {
	const { workflow } = example('new-contact-onboarding-task.json');
	const syncBack = example('task-completed-sync-back.json').workflow;
	const writes = async () =>
		(await client.requests()).filter((r) => r.method !== 'GET' && !r.path.endsWith('/search'));
	const taskWrites = async () =>
		(await writes()).filter((r) => r.method === 'POST' && /\/tasks$/.test(r.path));
	await client.clearLog();
	await report.must(
		'examples new-contact-onboarding-task and task-completed-sync-back activate',
		() => Promise.all([rest.activate(workflow.id), rest.activate(syncBack.id)]),
	);
	await report.check(
		'their first polls read GHL and write nothing for contacts and tasks that already exist',
		async () => {
			await waitFor('both first polls', async () => {
				const paths = (await client.requests()).map((r) => r.path);
				const polled =
					paths.includes('/contacts/search') && paths.some((p) => p.endsWith('/tasks/search'));
				return polled ? true : undefined;
			});
			// Each poll has answered once its search is logged; a run it started would write now.
			await new Promise((resolve) => setTimeout(resolve, 3000));
			assert.deepEqual(routes(await writes()), []);
			assert.deepEqual(await rest.executions(workflow.id), []);
			assert.deepEqual(await rest.executions(syncBack.id), []);
		},
	);
	// Fetch Test Event on it comes later; its own polls would add tags and notes to those checks.
	await report.check('example task-completed-sync-back deactivates', () =>
		rest.deactivate(syncBack.id),
	);
	const newcomers: string[] = [];
	for (const name of ['Grace Hopper', 'Alan Turing', 'Katherine Johnson']) {
		const [firstName, lastName] = name.split(' ');
		const email = `${firstName.toLowerCase()}.${lastName.toLowerCase()}@example.com`;
		const { contact } = await client.control<{ contact: { id: string } }>('POST', '/contacts', {
			firstName,
			lastName,
			email,
		});
		newcomers.push(contact.id);
	}
	await report.check(
		'its next poll (within a minute) gives each new contact one onboarding task, and no one else',
		async () => {
			const execution = await waitFor(
				'a trigger execution',
				async () =>
					(await rest.executions(workflow.id)).find(
						(e) => e.status !== 'running' && e.status !== 'new',
					),
				90_000,
			);
			assert.equal(execution.mode, 'trigger');
			assert.equal(execution.status, 'success');
			const written = (await taskWrites()).map((r) => r.path).sort();
			assert.deepEqual(written, newcomers.map((id) => `/contacts/${id}/tasks`).sort());
		},
	);
	// Its later polls would give the webhook checks' contacts onboarding tasks of their own.
	await report.check('example new-contact-onboarding-task deactivates', () =>
		rest.deactivate(workflow.id),
	);
}

async function fetchTestEvent(
	report: Report,
	rest: N8nRest,
	host: N8nHost,
	client: SandboxClient,
): Promise<void> {
	const { workflow } = example('task-completed-sync-back.json');
	await client.clearLog();
	await report.check(
		'Fetch Test Event on task-completed-sync-back returns completed tasks and syncs them',
		async () => {
			const executionId = await rest.runFromTrigger(workflow.id, 'Task Completed');
			const execution = await rest.ended(executionId);
			assert.equal(execution.mode, 'manual');
			assert.equal(execution.status, 'success');
			const samples = nodeItems(storedRun(host, execution.data), 'Task Completed');
			assert.ok(samples.length > 0, 'no sample');
			assert.ok(
				samples.every((s) => s.event === 'taskCompleted' && s.status === 'completed'),
				`not all samples are completed tasks: ${JSON.stringify(samples).slice(0, 600)}`,
			);
			const contactId = String(samples[0].contactId);
			const { contact } = await client.ghl<{ contact: { tags: string[] } }>(
				'GET',
				`/contacts/${contactId}`,
			);
			assert.ok(contact.tags.includes('task-completed'), 'the sampled contact was not tagged');
			const requests = await client.requests();
			assert.ok(
				routes(requests).includes(`POST /contacts/${contactId}/notes`),
				'no note was logged',
			);
		},
	);
}
