import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startSandbox } from '../../sandbox/server';
import { example, loadExamples } from '../examples';
import { pitCredentials, prepareDemoContact } from '../fixtures';
import type { DemoContact } from '../fixtures';
import { assert, assertFailed, assertSignedBy, assertSucceeded, routes } from '../lib/expect';
import { installCommunityPackage } from '../lib/install';
import type { N8nHost } from '../lib/install';
import { N8n, nodeItems } from '../lib/n8n';
import { freePort } from '../lib/ports';
import type { Report } from '../lib/report';
import { runCommand } from '../lib/processes';
import { SandboxClient } from '../lib/sandboxClient';
import { E2E_TAGS, suiteWorkflows, WORKFLOW_IDS } from '../workflows';

/** Seeded contacts plus bulk ones: Return All needs three pages of 500. */
const SEEDED = 250;
const BULK = 1000;

interface Context {
	report: Report;
	n8n: N8n;
	client: SandboxClient;
	demo: DemoContact;
}

type Ids = Array<{ id: string }>;
const idsOf = (items: Array<Record<string, unknown>>) =>
	items.map((item) => String(item.id)).sort();
const sorted = (ids: string[]) => [...ids].sort();

/**
 * Headless: the token credentials and the workflows imported through n8n's CLI, each workflow run
 * with `n8n execute`, its output and what reached the sandbox checked.
 */
export async function cliPhase(report: Report, host: N8nHost, tarball: string): Promise<void> {
	report.section(`CLI phase on ${host.name}`);
	const sandbox = await startSandbox({ port: 0, contacts: SEEDED });
	const client = new SandboxClient(sandbox);
	const n8n = new N8n(host, await freePort());
	try {
		await report.must('the packed package installs as a community package', () =>
			installCommunityPackage(n8n.userFolder, tarball),
		);
		await report.check('every n8n-workflow export the package uses exists in this n8n', () =>
			hostHasWorkflowExports(host, n8n.userFolder),
		);
		const demo = await prepareDemoContact(client);
		await client.control('POST', '/bulk/contacts', { count: BULK });
		await report.must('n8n imports the token credentials', () =>
			n8n.importCredentials(pitCredentials(client)),
		);
		const headless = loadExamples().filter((e) => e.starts === 'manual');
		await report.must(
			`n8n imports ${headless.length} examples and ${suiteWorkflows.length} suite workflows`,
			() => n8n.importWorkflows([...headless.map((e) => e.workflow), ...suiteWorkflows]),
		);
		const context = { report, n8n, client, demo };
		await enrichExample(context);
		await notesExample(context);
		await getManyAcrossPages(context);
		await taskLifecycle(context);
		await tags(context);
		await readOnlyWrites(context);
	} finally {
		await n8n.dispose();
		await sandbox.close();
	}
}

/**
 * An installed package gets n8n's own n8n-workflow, not the one it was built against: a name
 * that n8n's copy lacks is undefined at run time (2.41's has no `sleepWithAbort`, 1.x's has).
 * Every `n8n_workflow_1.<name>` the shipped JavaScript reads must exist there.
 */
async function hostHasWorkflowExports(host: N8nHost, userFolder: string): Promise<void> {
	const dist = join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-ghl-contacts', 'dist');
	const used = new Set<string>();
	for (const file of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
		if (!file.endsWith('.js')) continue;
		for (const [, name] of readFileSync(join(dist, file), 'utf8').matchAll(
			/\bn8n_workflow_\d+\.([A-Za-z_$][\w$]*)/g,
		))
			used.add(name);
	}
	assert(used.size > 0, `no n8n-workflow use found in ${dist}`);
	const probe = `const w = require('n8n-workflow'); console.log(JSON.stringify(${JSON.stringify([...used])}.filter((n) => w[n] === undefined)))`;
	const result = await runCommand('n8n-workflow exports', 'node', ['-e', probe], {
		cwd: host.dir,
		env: {
			...process.env,
			PATH: host.nodeBin ? `${host.nodeBin}:${process.env.PATH}` : process.env.PATH,
		},
	});
	assert.equal(result.code, 0, result.stderr);
	assert.deepEqual(
		JSON.parse(result.stdout) as string[],
		[],
		`missing in ${host.name}'s n8n-workflow`,
	);
}

async function run(context: Context, workflowId: string) {
	await context.client.clearLog();
	const execution = await context.n8n.execute(workflowId);
	return { execution, requests: await context.client.requests() };
}

async function enrichExample(context: Context): Promise<void> {
	const { report, client, demo } = context;
	const { execution, requests } = await run(context, example('enrich-contact.json').workflow.id);
	await report.check(
		'example enrich-contact: the contact with its tasks, notes and appointments',
		() => {
			assertSucceeded(execution);
			const [contact, ...more] = nodeItems(execution.run, 'Contact With Activity');
			assert.equal(more.length, 0);
			assert.equal(contact.id, demo.id);
			assert.equal(contact.email, 'ada.lovelace@example.com');
			assert.deepEqual(idsOf(contact.tasks as Ids), sorted(demo.taskIds));
			assert.deepEqual(idsOf(contact.notes as Ids), sorted(demo.noteIds));
			assert.deepEqual(idsOf(contact.appointments as Ids), sorted(demo.appointmentIds));
		},
	);
	await report.check(
		'example enrich-contact: search by email, then the four reads, signed and versioned',
		() => {
			assertSignedBy(requests, client.sandbox.tokens.readWrite);
			assert.deepEqual(requests[0].body, {
				locationId: client.sandbox.mainLocationId,
				pageLimit: 1,
				filters: [{ field: 'email', operator: 'eq', value: 'ada.lovelace@example.com' }],
			});
			assert.deepEqual(
				sorted(routes(requests)),
				sorted([
					'POST /contacts/search',
					`GET /contacts/${demo.id}`,
					`GET /contacts/${demo.id}/tasks`,
					`GET /contacts/${demo.id}/notes`,
					`GET /contacts/${demo.id}/appointments`,
				]),
			);
			assert.ok(requests.every((r) => r.status === 200));
		},
	);
}

async function notesExample(context: Context): Promise<void> {
	const { report, client, demo } = context;
	const { execution, requests } = await run(
		context,
		example('pull-notes-into-profile.json').workflow.id,
	);
	await report.check(
		'example pull-notes-into-profile: one profile holding every note',
		async () => {
			assertSucceeded(execution);
			const { notes } = await client.ghl<{ notes: Array<{ body: string }> }>(
				'GET',
				`/contacts/${demo.id}/notes`,
			);
			const profiles = nodeItems(execution.run, 'Profile');
			assert.equal(profiles.length, 1);
			assert.equal(profiles[0].contactId, demo.id);
			assert.deepEqual(sorted(profiles[0].notes as string[]), sorted(notes.map((n) => n.body)));
			assert.deepEqual(routes(requests), [
				'POST /contacts/search',
				`GET /contacts/${demo.id}/notes`,
			]);
		},
	);
}

async function getManyAcrossPages(context: Context): Promise<void> {
	const { report, client } = context;
	const { execution, requests } = await run(context, WORKFLOW_IDS.getManyAll);
	await report.check(
		`Get Many with Return All: all ${SEEDED + BULK} contacts, paged with searchAfter`,
		async () => {
			assertSucceeded(execution);
			const stats = await client.control<{ contactsByLocation: Record<string, number> }>(
				'GET',
				'/stats',
			);
			const total = stats.contactsByLocation[client.sandbox.mainLocationId];
			const items = nodeItems(execution.run, 'All Contacts');
			assert.equal(items.length, total);
			assert.equal(new Set(items.map((item) => item.id)).size, total, 'a contact came twice');
			assertSignedBy(requests, client.sandbox.tokens.readWrite);
			assert.equal(requests.length, Math.ceil(total / 500));
			const bodies = requests.map((r) => r.body as { pageLimit: number; searchAfter?: unknown });
			assert.ok(bodies.every((body) => body.pageLimit === 500));
			assert.equal(bodies[0].searchAfter, undefined);
			assert.ok(
				bodies.slice(1).every((body) => Array.isArray(body.searchAfter)),
				'a later page lacks searchAfter',
			);
		},
	);
}

async function taskLifecycle(context: Context): Promise<void> {
	const { report, client, demo } = context;
	const { execution, requests } = await run(context, WORKFLOW_IDS.taskLifecycle);
	await report.check(
		'Create Task, then Mark Completed: two writes, the task done in GHL',
		async () => {
			assertSucceeded(execution);
			const [created] = nodeItems(execution.run, 'Create Task');
			const [completed] = nodeItems(execution.run, 'Mark Completed');
			assert.equal(completed.id, created.id);
			assert.equal(created.completed, false);
			assert.equal(completed.completed, true);
			assertSignedBy(requests, client.sandbox.tokens.readWrite);
			assert.deepEqual(routes(requests), [
				'POST /contacts/search',
				`POST /contacts/${demo.id}/tasks`,
				`PUT /contacts/${demo.id}/tasks/${String(created.id)}/completed`,
			]);
			const sent = requests[1].body as { title: string; dueDate: string; completed: boolean };
			assert.deepEqual(
				{ ...sent, dueDate: Date.parse(sent.dueDate) },
				{
					title: 'e2e: follow up',
					dueDate: Date.parse('2030-01-15T09:30:00Z'),
					completed: false,
				},
			);
			assert.deepEqual(requests[2].body, { completed: true });
			const { task } = await client.ghl<{ task: { completed: boolean } }>(
				'GET',
				`/contacts/${demo.id}/tasks/${String(created.id)}`,
			);
			assert.equal(task.completed, true);
		},
	);
}

async function tags(context: Context): Promise<void> {
	const { report, client, demo } = context;
	const { execution, requests } = await run(context, WORKFLOW_IDS.tags);
	await report.check(
		'Add Tags, then Remove Tags: the contact keeps only the added one',
		async () => {
			assertSucceeded(execution);
			assertSignedBy(requests, client.sandbox.tokens.readWrite);
			assert.deepEqual(routes(requests), [
				'POST /contacts/search',
				`POST /contacts/${demo.id}/tags`,
				`DELETE /contacts/${demo.id}/tags`,
			]);
			assert.deepEqual(requests[1].body, { tags: [E2E_TAGS.kept, E2E_TAGS.removed] });
			assert.deepEqual(requests[2].body, { tags: [E2E_TAGS.removed] });
			const [removed] = nodeItems(execution.run, 'Remove Tags');
			assert.ok((removed.tags as string[]).includes(E2E_TAGS.kept));
			assert.ok(!(removed.tags as string[]).includes(E2E_TAGS.removed));
			const { contact } = await client.ghl<{ contact: { tags: string[] } }>(
				'GET',
				`/contacts/${demo.id}`,
			);
			assert.ok(contact.tags.includes(E2E_TAGS.kept) && !contact.tags.includes(E2E_TAGS.removed));
		},
	);
}

async function readOnlyWrites(context: Context): Promise<void> {
	const { report, client, demo } = context;
	const notesBefore = (await client.ghl<{ notes: unknown[] }>('GET', `/contacts/${demo.id}/notes`))
		.notes.length;

	const declared = await run(context, WORKFLOW_IDS.readOnlyWrite);
	await report.check(
		'read-only token, scopes as granted: the write fails before anything is sent',
		() => {
			const message = assertFailed(declared.execution);
			assert.match(message, /needs the scope contacts\.write/);
			assert.deepEqual(routes(declared.requests), ['POST /contacts/search']);
			assertSignedBy(declared.requests, client.sandbox.tokens.readOnly);
		},
	);

	const claimed = await run(context, WORKFLOW_IDS.readOnlyClaimingWrite);
	await report.check(
		'read-only token with write ticked: GHL refuses the write and the run fails',
		async () => {
			const message = assertFailed(claimed.execution);
			assert.match(message, /Create Note failed: The token is not authorized for this scope/);
			assert.deepEqual(routes(claimed.requests), [
				'POST /contacts/search',
				`POST /contacts/${demo.id}/notes`,
			]);
			assert.equal(claimed.requests[1].status, 401);
			const after = (await client.ghl<{ notes: unknown[] }>('GET', `/contacts/${demo.id}/notes`))
				.notes.length;
			assert.equal(after, notesBefore, 'a note was written');
		},
	);
}
