import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { CREDENTIAL_IDS, DEMO_CONTACT_EMAIL } from '../fixtures';
import {
	launchEditor,
	openNodeByUrl,
	openNodeOnCanvas,
	openWorkflow,
	pickFromList,
	signIn,
} from '../lib/editor';
import { assert } from '../lib/expect';
import type { N8nHost } from '../lib/install';
import type { N8n } from '../lib/n8n';
import { panelGroups, ruleViolations, type PanelCase } from '../lib/panelExpectations';
import type { Report } from '../lib/report';
import type { N8nRest } from '../lib/rest';
import type { SandboxClient } from '../lib/sandboxClient';

const PACKAGE = 'n8n-nodes-ghl-contacts';
/** Every name a GHL user may type into the node creator. */
const SEARCH_TERMS = ['HighLevel', 'GoHighLevel', 'LeadConnector', 'GHL'];

interface Context {
	report: Report;
	host: N8nHost;
	page: Page;
	n8n: N8n;
	rest: N8nRest;
	client: SandboxClient;
}

/**
 * n8n's editor in headless Chromium, driven as a person drives it: sign in, find the nodes in the
 * node creator, create a credential in its dialog and test it, open every panel the nodes have,
 * pick a contact from the list and run the node from its panel.
 */
export async function browserPhase(
	report: Report,
	host: N8nHost,
	n8n: N8n,
	rest: N8nRest,
	client: SandboxClient,
): Promise<void> {
	report.section(`editor in Chromium on ${host.name}`);
	let browser: Browser | undefined;
	try {
		const editor = await report.must('Chromium is installed and starts', () =>
			launchEditor(() => undefined),
		);
		browser = editor.browser;
		const { page } = editor;
		const context = { report: seen(report, host, page), host, page, n8n, rest, client };
		await context.report.must('a person signs in through the sign-in form', () =>
			signIn(page, n8n.url),
		);
		await nodeCreator(context);
		const credentialId = await credentialDialog(context);
		if (credentialId) await pickAndRun(context, credentialId);
		await newTag(context);
		await locationOption(context);
		await panels(context, credentialId);
	} finally {
		await browser?.close();
	}
}

/**
 * The report, with a screenshot of the page kept for every failed check (its path in the message),
 * since "not visible" says little about what the editor showed instead.
 */
function seen(report: Report, host: N8nHost, page: Page): Report {
	const folder = mkdtempSync(join(tmpdir(), `ghl-e2e-browser-${host.name}-`));
	let failures = 0;
	const check: Report['check'] = (name, body) =>
		report.check(name, async () => {
			try {
				return await body();
			} catch (error) {
				const file = join(folder, `failure-${++failures}.png`);
				await page.screenshot({ path: file }).catch(() => undefined);
				throw new Error(`${(error as Error).message}
(the page: ${file})`);
			}
		});
	return Object.assign(Object.create(report) as Report, { check });
}

async function nodeCreator({ report, page, n8n, rest }: Context): Promise<void> {
	const workflowId = await rest.createWorkflow({
		name: 'browser: node creator',
		nodes: [
			{
				id: 'creator-start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
		],
	});
	await openWorkflow(page, n8n.url, workflowId);
	for (const term of SEARCH_TERMS) {
		await report.check(`the node creator finds the GHL nodes by "${term}"`, async () => {
			if (!(await page.getByTestId('node-creator-search-bar').isVisible())) {
				await page.getByTestId('node-creator-plus-button').click();
			}
			await page.getByTestId('node-creator-search-bar').fill(term);
			const items = page.getByTestId('node-creator-item-name');
			// The categories stay listed until the search has answered.
			await items
				.filter({ hasText: /^GHL/ })
				.first()
				.waitFor({ timeout: 5_000 })
				.catch(() => undefined);
			const names = (await items.allTextContents()).map((name) => name.trim());
			// n8n lists a node and its trigger as one entry ("GHL Contacts"), the webhook apart.
			for (const expected of ['GHL Contacts', 'GHL Webhook']) {
				assert(
					names.some((name) => name.startsWith(expected)),
					`"${term}" lists ${JSON.stringify(names.slice(0, 8))}, not ${expected}`,
				);
			}
		});
	}
	await report.check(
		'the "GHL Contacts" entry offers the actions and the polling trigger',
		async () => {
			await page.getByTestId('node-creator-search-bar').fill('GoHighLevel');
			await page
				.getByTestId('node-creator-item-name')
				.filter({ hasText: /^GHL Contacts/ })
				.first()
				.click();
			const panel = page.getByTestId('node-creator');
			await panel.getByText('Create a contact', { exact: true }).first().waitFor();
			await panel
				.getByText(/contact/i)
				.first()
				.waitFor();
			const wanted = ['Create a task', 'Get a contact', 'Add tags to a contact'];
			let text = await panel.innerText();
			// n8n 1.x renders a long action list as it scrolls into view: read it while scrolling.
			await panel.getByText('Create a contact', { exact: true }).first().hover();
			for (let step = 0; step < 20 && !wanted.every((action) => text.includes(action)); step++) {
				await page.mouse.wheel(0, 400);
				await page.waitForTimeout(200);
				text += `\n${await panel.innerText()}`;
			}
			for (const action of wanted) {
				assert(text.includes(action), `no "${action}" among the actions`);
			}
			assert(/trigger/i.test(text), 'no trigger section');
		},
	);
	await page.keyboard.press('Escape');
}

/**
 * A new GHL API credential as a person makes one: from a node's credential list, "Create new
 * credential", token and location typed in, Save (which tests it). Scopes are left as the
 * dialog shows them. Returns its id.
 */
async function credentialDialog({ report, page, n8n, rest, client }: Context) {
	const workflowId = await rest.createWorkflow({
		name: 'browser: credential',
		nodes: [
			{
				id: 'credential-get',
				name: 'Get Contact',
				type: `${PACKAGE}.ghlContacts`,
				typeVersion: 1,
				position: [0, 0],
				parameters: { resource: 'contact', operation: 'get' },
			},
		],
	});
	const tokenCredentials = async () =>
		(await rest.request<Array<{ id: string; type: string }>>('GET', '/rest/credentials'))
			.filter((c) => c.type === 'ghlApi')
			.map((c) => c.id);
	const before = await tokenCredentials();
	return await report.check(
		'a GHL API credential made in the credential dialog saves and tests successfully',
		async () => {
			await openNodeByUrl(page, n8n.url, workflowId, 'credential-get');
			await page.getByTestId('node-credentials-select').click();
			await page.getByText('Create new credential').first().click();
			const dialog = page.getByTestId('credential-edit-dialog');
			const field = (name: string) =>
				page.getByTestId(`parameter-input-${name}`).locator('input, textarea').first();
			// The dialog asks which of the node's authentications the credential is for: a menu in
			// n8n 2.x, "Connect using" buttons in 1.x.
			const mode = page.getByTestId('credential-mode-dropdown-trigger');
			await dialog.waitFor();
			if (await mode.isVisible()) await mode.click();
			await page.getByText('Private Integration Token', { exact: true }).last().click();
			await field('token').fill(client.sandbox.tokens.readWrite);
			await field('locationId').fill(client.sandbox.mainLocationId);
			await field('baseUrl').fill(client.url);
			await page.getByTestId('credential-save-button').click();
			// Saving runs the credential's test: n8n 2.x closes the dialog when it passes, 1.x says so
			// in the dialog; a failed test keeps the dialog open with the error.
			const tested = dialog.getByText('Connection tested successfully');
			await Promise.race([
				tested.waitFor({ timeout: 30_000 }),
				dialog.waitFor({ state: 'hidden', timeout: 30_000 }),
			]);
			if (await dialog.isVisible()) {
				assert(await tested.isVisible(), `the dialog says: ${await dialog.innerText()}`);
				await page.keyboard.press('Escape');
				await dialog.waitFor({ state: 'hidden' });
			}
			const made = (await tokenCredentials()).filter((id) => !before.includes(id));
			assert.equal(made.length, 1, `${made.length} GHL API credentials were saved`);
			return { id: made[0], workflowId };
		},
	);
}

/** The contact picker's list, then Execute step, read back from the output panel. */
async function pickAndRun(
	{ report, page, n8n }: Context,
	credential: { id: string; workflowId: string },
): Promise<void> {
	await report.check(
		'the new credential (Scopes as the dialog left them) lists contacts in the picker, and the picked one is fetched',
		async () => {
			await openNodeByUrl(page, n8n.url, credential.workflowId, 'credential-get');
			const locator = page.getByTestId('resource-locator-contactId');
			await locator.getByTestId('rlc-mode-selector').click();
			await page.getByText('From list', { exact: true }).last().click();
			await pickFromList(page, 'resource-locator-contactId', 'ada', DEMO_CONTACT_EMAIL);
			await page.getByTestId('node-execute-button').click();
			const output = page.getByTestId('output-panel');
			await output.getByText(DEMO_CONTACT_EMAIL).first().waitFor({ timeout: 30_000 });
		},
	);
}

/**
 * The imported token credential with every scope, for the checks after the dialog's: on 1.x the
 * dialog saves Scopes as its default (the contact scopes), which rightly keeps the tag list shut.
 */
const ALL_SCOPES_CREDENTIAL = {
	ghlApi: { id: CREDENTIAL_IDS.pit, name: 'GHL Sandbox (token)' },
};

/** The demo contact's id, as GHL's search finds it. */
async function demoContactId(client: SandboxClient): Promise<string> {
	const { contacts } = await client.ghl<{ contacts: Array<{ id: string }> }>(
		'POST',
		'/contacts/search',
		{ locationId: client.sandbox.mainLocationId, query: DEMO_CONTACT_EMAIL, pageLimit: 1 },
	);
	return contacts[0].id;
}

/**
 * A tag the location does not have yet, typed into the tag picker's list (its default mode): the
 * list offers it, and running the node gives the contact that tag.
 */
async function newTag({ report, page, n8n, rest, client }: Context): Promise<void> {
	await report.check(
		'a tag the location does not have is offered in the tag list as typed, and added',
		async () => {
			const contactId = await demoContactId(client);
			const tag = `editor-tag-${Date.now().toString(36)}`;
			const workflowId = await rest.createWorkflow({
				name: 'browser: new tag',
				nodes: [
					{
						id: 'tag-add',
						name: 'Add Tag',
						type: `${PACKAGE}.ghlContacts`,
						typeVersion: 1,
						position: [0, 0],
						parameters: {
							resource: 'tag',
							operation: 'add',
							contactId: { __rl: true, mode: 'id', value: contactId },
						},
						credentials: ALL_SCOPES_CREDENTIAL,
					},
				],
			});
			await openNodeByUrl(page, n8n.url, workflowId, 'tag-add');
			await page.getByTestId('node-parameters').getByText('Add Tag', { exact: true }).click();
			await pickFromList(page, 'resource-locator-value', tag, `${tag} (new tag)`);
			await page.getByTestId('node-execute-button').click();
			await page.getByTestId('output-panel').getByText(tag).first().waitFor({ timeout: 30_000 });
			const { contact } = await client.ghl<{ contact: { tags: string[] } }>(
				'GET',
				`/contacts/${contactId}`,
			);
			assert(contact.tags.includes(tag), `the contact's tags are ${JSON.stringify(contact.tags)}`);
		},
	);
}

/**
 * A Location ID set under Request Options shows there on Get Many, which sends a location, and
 * not on Get, which does not: the field left the top level of the panel.
 */
async function locationOption({ report, page, n8n, rest }: Context): Promise<void> {
	await report.check('Request Options shows Location ID on Get Many, not on Get', async () => {
		const shown: Record<string, boolean> = {};
		for (const operation of ['getAll', 'get']) {
			// A workflow each: a node opened by URL in the workflow already open stays the one shown.
			const workflowId = await rest.createWorkflow({
				name: `browser: location option, ${operation}`,
				nodes: [
					{
						id: 'location',
						name: `Contact ${operation}`,
						type: `${PACKAGE}.ghlContacts`,
						typeVersion: 1,
						position: [0, 0],
						parameters: {
							resource: 'contact',
							operation,
							requestOptions: { locationId: 'otherLocation1' },
						},
						credentials: ALL_SCOPES_CREDENTIAL,
					},
				],
			});
			await openNodeByUrl(page, n8n.url, workflowId, 'location');
			const parameters = page.getByTestId('node-parameters');
			await parameters.getByText('Request Options', { exact: true }).first().waitFor();
			// The value tells it from a top-level Location ID field, which would be empty.
			const field = parameters.getByTestId('parameter-input-locationId').locator('input').first();
			shown[operation] =
				(await field.isVisible()) && (await field.inputValue()) === 'otherLocation1';
		}
		assert.deepEqual(shown, { getAll: true, get: false });
	});
}

/**
 * Every resource and operation of GHL Contacts, every event of the two triggers (with the
 * choices each event shows) and the webhook trigger's verification and fetch choices: each panel
 * opened in the editor must show every parameter n8n's display rules say it has, and the
 * credential where one is needed.
 */
async function panels(ctx: Context, credential?: { id: string }): Promise<void> {
	for (const { type, cases, rules } of panelGroups()) {
		await ctx.report.check(`${type}: the display rules show what a person needs`, () =>
			assert.deepEqual(ruleViolations(cases, rules), []),
		);
		await ctx.report.check(
			`${type}: all ${cases.length} panels show every parameter they have, and no other`,
			async () => {
				const nodes = cases.map((c, index) => ({
					id: `panel-${index}`,
					name: c.label,
					type: `${PACKAGE}.${type}`,
					typeVersion: 1,
					position: [(index % 8) * 220, Math.floor(index / 8) * 220],
					parameters: c.parameters,
					...(credential ? { credentials: { ghlApi: { id: credential.id, name: 'x' } } } : {}),
				}));
				const workflowId = await ctx.rest.createWorkflow({
					name: `browser: ${type} panels`,
					nodes,
				});
				const missing: string[] = [];
				await openWorkflow(ctx.page, ctx.n8n.url, workflowId);
				for (const panel of cases) {
					// From the canvas, as a person opens a node: no page load between panels.
					await openNodeOnCanvas(ctx.page, panel.label);
					for (const name of await missingParameters(ctx.page, panel)) {
						missing.push(`${panel.label}: ${name}`);
					}
				}
				assert.deepEqual(missing, [], `wrong in the editor:\n${missing.join('\n')}`);
			},
		);
	}
}

async function missingParameters(page: Page, panel: PanelCase): Promise<string[]> {
	const parameters = page.getByTestId('node-parameters');
	const missing: string[] = [];
	for (const { name, displayName, type } of panel.visible) {
		const shown =
			type === 'notice' || type === 'collection' || type === 'fixedCollection'
				? parameters.getByText(displayName, { exact: true }).first()
				: parameters.getByTestId(`parameter-input-${name}`).first();
		if (!(await shown.isVisible())) missing.push(`${displayName} (${name}) is hidden`);
	}
	for (const { name, displayName } of panel.hidden) {
		if (await parameters.getByTestId(`parameter-input-${name}`).first().isVisible()) {
			missing.push(`${displayName} (${name}) is shown`);
		}
	}
	const credential = page.getByTestId('node-credentials-select');
	if (panel.needsCredential && !(await credential.isVisible()))
		missing.push('Credential is hidden');
	return missing;
}
