import type { IDataObject } from 'n8n-workflow';

import { byId } from '../node/assoc.support';
import { clearLog, control, oauthCredential, requestLog, useSandbox } from '../support/ghl';
import { HarnessCredentialsHelper } from './credentialsHelper';
import { loadPackage } from './packageTypes';
import { runNode } from './runNode';

/**
 * Queue mode: two workers run executions on one OAuth2 credential at once, each with its own
 * n8n process (credentials helper) over the one database (store). GHL's refresh tokens are
 * single-use, so when the access token has expired only one of their refreshes can succeed.
 */
const sandbox = useSandbox();

const createNote = (contactId: string, body: string) => ({
	authentication: 'oAuth2',
	resource: 'note',
	operation: 'create',
	contactId: byId(contactId),
	body,
});

async function refreshGrants() {
	return (await requestLog(sandbox())).filter(
		(entry) =>
			entry.path === '/oauth/token' && (entry.body as IDataObject).grant_type === 'refresh_token',
	);
}

/**
 * Holds n8n's save of refreshed tokens until both workers' refreshes have reached GHL, so both
 * read the expired tokens first: the interleaving under which the second refresh is refused.
 * Bounded: a worker that never refreshes lets the save through after 5 s.
 */
async function untilBothRefreshed(): Promise<void> {
	for (let i = 0; i < 250 && (await refreshGrants()).length < 2; i++) {
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

async function twoWorkers() {
	const { contact } = await control<{ contact: { id: string } }>(sandbox(), 'POST', '/contacts', {
		firstName: 'Queue',
		email: `queue.${Math.random().toString(36).slice(2)}@example.com`,
	});
	const credential = await oauthCredential(sandbox());
	const first = new HarnessCredentialsHelper(await loadPackage());
	first.add(credential);
	const second = first.anotherProcess();
	const tokens = credential.data.oauthTokenData as IDataObject;
	await control(sandbox(), 'POST', `/tokens/${String(tokens.access_token)}/expire`);
	await clearLog(sandbox());
	return { contactId: contact.id, workers: [first, second], tokens };
}

describe('OAuth2 refresh across queue-mode workers', () => {
	it('two workers that both find the token expired: one refresh, both writes once, the credential still works', async () => {
		const { contactId, workers } = await twoWorkers();
		for (const worker of workers) worker.beforeTokenSave = untilBothRefreshed;

		const runs = await Promise.all(
			workers.map(
				async (credentialsHelper, index) =>
					await runNode({
						type: 'ghlContacts',
						parameters: createNote(contactId, `From worker ${index}`),
						credentialsHelper,
					}),
			),
		);

		expect(runs.map((run) => run.error?.message)).toEqual([undefined, undefined]);
		const log = await requestLog(sandbox());
		const grants = log.filter((entry) => entry.path === '/oauth/token');
		// Both refreshed with the one refresh token, once each; GHL refused the second, and its
		// worker took the tokens the first one stored instead of failing or refreshing again.
		expect(grants.map((entry) => entry.status).sort()).toEqual([200, 400]);
		const notes = log.filter((entry) => entry.method === 'POST' && entry.status === 201);
		expect(notes.map((entry) => (entry.body as IDataObject).body).sort()).toEqual([
			'From worker 0',
			'From worker 1',
		]);
		const saved = workers.flatMap((worker) => worker.tokenUpdates);
		expect(saved).toHaveLength(1);

		// Afterwards the stored tokens are the ones GHL issued last: they work, and so does the
		// rotated refresh token once the new access token expires in turn.
		for (const worker of workers) worker.beforeTokenSave = undefined;
		await control(sandbox(), 'POST', `/tokens/${String(saved[0].access_token)}/expire`);
		await clearLog(sandbox());
		const later = await runNode({
			type: 'ghlContacts',
			parameters: createNote(contactId, 'Later'),
			credentialsHelper: workers[1],
		});
		expect(later.error).toBeUndefined();
		expect((await refreshGrants()).map((entry) => entry.status)).toEqual([200]);
	});

	it('a refresh token that is truly dead: each worker fails once, naming the reconnect, with no token in the message', async () => {
		const { contactId, workers, tokens } = await twoWorkers();
		// Spent elsewhere (another n8n, a disconnect): GHL refuses it to everyone.
		await fetch(new URL('/oauth/token', sandbox().url), {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				client_id: sandbox().oauthClient.clientId,
				client_secret: sandbox().oauthClient.clientSecret,
				grant_type: 'refresh_token',
				refresh_token: String(tokens.refresh_token),
			}),
		});
		await clearLog(sandbox());

		const runs = await Promise.all(
			workers.map(
				async (credentialsHelper, index) =>
					await runNode({
						type: 'ghlContacts',
						parameters: createNote(contactId, `Dead ${index}`),
						credentialsHelper,
					}),
			),
		);

		for (const run of runs) {
			expect(run.error?.message).toMatch(/^Create Note failed/);
			expect(`${run.error?.message} ${run.error?.description}`).toMatch(
				/reconnect the OAuth2 credential/i,
			);
			const text = JSON.stringify(run.error);
			expect(text).not.toContain(String(tokens.refresh_token));
			expect(text).not.toContain(String(tokens.access_token));
		}
		const log = await requestLog(sandbox());
		expect(log.filter((entry) => entry.path === '/oauth/token')).toHaveLength(2);
		expect(log.filter((entry) => entry.status === 201)).toHaveLength(0);
	});
});
