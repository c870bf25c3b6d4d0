import type { Delivery, DeliveryPolicy } from '../../sandbox/webhooks/dispatcher';
import { assert } from '../lib/expect';
import type { N8nHost } from '../lib/install';
import { nodeItems, storedRun } from '../lib/n8n';
import type { N8n } from '../lib/n8n';
import type { Report } from '../lib/report';
import { waitFor } from '../lib/rest';
import type { N8nRest } from '../lib/rest';
import type { SandboxClient } from '../lib/sandboxClient';
import { WEBHOOK_EXAMPLE, webhookExampleForSandbox, webhookExampleUrl } from '../workflows';

export type DeliveryView = Pick<Delivery, 'webhookId' | 'event' | 'state' | 'attempts'>;

interface Run {
	id: string;
	mode: string;
	status: string;
	/** What the trigger passed on. */
	items: Array<Record<string, unknown>>;
	/** What the Onboarding Task node created. */
	tasks: Array<Record<string, unknown>>;
}

const FINISHED = ['success', 'error', 'crashed', 'canceled'];

export const statuses = (delivery: DeliveryView) =>
	delivery.attempts.map((a) => a.status ?? a.error);

/** Every delivery answered 2xx (a refused or failed one would make GHL retry). */
export function assertAnsweredOk(deliveries: DeliveryView[]): void {
	for (const delivery of deliveries) {
		const [status] = statuses(delivery);
		assert.ok(typeof status === 'number' && status < 300, `a delivery was answered ${status}`);
	}
}

/** Of the runs, exactly one passes the event on. */
export function assertOneRunPassesOn(
	runs: Array<{ items: Array<Record<string, unknown>> }>,
	webhookId: string,
): void {
	assert.deepEqual(
		runs.flatMap((r) => r.items.map((item) => item.webhookId)),
		[webhookId],
		`of ${runs.length} executions, exactly one passes the event on`,
	);
}

/** The onboarding tasks the contact has in GHL. */
export async function onboardingTasks(client: SandboxClient, contactId: string) {
	const { tasks } = await client.ghl<{ tasks: Array<{ title: string }> }>(
		'GET',
		`/contacts/${contactId}/tasks`,
	);
	return tasks.filter((task) => task.title.startsWith('Onboarding call'));
}

/**
 * What the sandbox and n8n saw of the deliveries to the trigger's production URL: the sandbox's
 * delivery log, and the workflow's executions over n8n's REST API with their stored output.
 */
export class Observed {
	private readonly known = new Set<string>();
	private deliveriesSeen = 0;

	constructor(
		private readonly rest: N8nRest,
		private readonly host: N8nHost,
		private readonly client: SandboxClient,
		private readonly workflowId: string,
	) {}

	/** The next delivery the sandbox started, once it has n8n's answer (or gave up). */
	async nextDelivery(): Promise<DeliveryView> {
		const delivery = await waitFor('the sandbox to deliver', async () => {
			const log = await this.client.control<DeliveryView[]>('GET', '/webhooks/deliveries');
			const next = log[this.deliveriesSeen];
			return next && next.state !== 'pending' ? next : undefined;
		});
		this.deliveriesSeen++;
		return delivery;
	}

	/** Executions started since the last call, each with the trigger's items, once all finished. */
	async newRuns(): Promise<Run[]> {
		const fresh = await waitFor('an execution of the trigger workflow', async () => {
			const runs = (await this.rest.executions(this.workflowId)).filter(
				(e) => !this.known.has(e.id),
			);
			return runs.length > 0 && runs.every((e) => FINISHED.includes(e.status)) ? runs : undefined;
		});
		const runs: Run[] = [];
		for (const execution of fresh) {
			this.known.add(execution.id);
			const { data } = await this.rest.execution(execution.id);
			const run = storedRun(this.host, data);
			runs.push({
				id: execution.id,
				mode: execution.mode,
				status: execution.status,
				items: nodeItems(run, WEBHOOK_EXAMPLE.trigger),
				tasks: nodeItems(run, WEBHOOK_EXAMPLE.task),
			});
		}
		return runs;
	}
}

/**
 * The pushed-contact example active in n8n, trusting the sandbox's keys, its production URL
 * subscribed at the sandbox. A contact created through the GHL API runs it once and gets one
 * onboarding task; a forged event runs nothing, and GHL's retries never give a contact a second
 * task. n8n checks the timestamps against real time, so the sandbox clock is left at real time.
 */
export async function webhookTrigger(
	report: Report,
	rest: N8nRest,
	n8n: N8n,
	client: SandboxClient,
): Promise<void> {
	const keys = await client.control<{ ed25519: string; rsa: string }>('GET', '/keys');
	const workflow = webhookExampleForSandbox(keys);
	await n8n.importWorkflows([workflow]);
	const productionUrl = webhookExampleUrl(n8n.url);
	await report.must(`the example ${WEBHOOK_EXAMPLE.file} activates`, () =>
		rest.activate(workflow.id),
	);
	await report.check(`n8n gives the trigger the production URL ${productionUrl}`, async () => {
		// The node's create() records the URL n8n gives it, in static data n8n saves a moment later.
		const nodeData = async () => {
			const { staticData } = await rest.request<{
				staticData?: Record<string, { webhookUrl?: string }> | null;
			}>('GET', `/rest/workflows/${workflow.id}`);
			return staticData?.[`node:${WEBHOOK_EXAMPLE.trigger}`];
		};
		const { webhookUrl } = await waitFor("the trigger's static data", nodeData, 10_000);
		assert.equal(webhookUrl, productionUrl);
	});

	const { policy } = await client.control<{ policy: DeliveryPolicy }>('GET', '/webhooks');
	// A refused delivery is attempted once: GHL's retries of it would be refused the same way.
	await client.control('PUT', '/webhooks/policy', { retries: 0 });
	const subscription = await client.control<{ id: string }>('POST', '/webhooks', {
		url: productionUrl,
		events: ['ContactCreate'],
	});
	const observed = new Observed(rest, n8n.host, client, workflow.id);

	let people = 0;

	/**
	 * A contact created through the GHL API, its delivery answered and the runs it started. Also
	 * the proof that nothing sent before it started a run: those would be among the runs.
	 */
	const honestDelivery = async () => {
		const name = `Webhook Person${++people}`;
		const [firstName, lastName] = name.split(' ');
		const email = `webhook.person${people}@example.com`;
		const { contact } = await client.ghl<{ contact: { id: string } }>('POST', '/contacts/', {
			locationId: client.sandbox.mainLocationId,
			firstName,
			lastName,
			email,
		});
		const delivery = await observed.nextDelivery();
		assert.deepEqual(statuses(delivery), [200], `the delivery was answered ${statuses(delivery)}`);
		const runs = await observed.newRuns();
		assert.deepEqual(
			runs.map((r) => r.items.map((item) => item.webhookId)),
			[[delivery.webhookId]],
			`the runs since the previous honest delivery, by webhookId, are not just ${delivery.webhookId}'s`,
		);
		return { contactId: contact.id, email, delivery, run: runs[0] };
	};

	try {
		await report.check(
			'a contact created through the sandbox API is delivered, answered 200, and runs the workflow once: the contact read from GHL gets one onboarding task',
			async () => {
				const { contactId, email, delivery, run } = await honestDelivery();
				assert.equal(delivery.event, 'ContactCreate');
				assert.equal(run.mode, 'webhook');
				assert.equal(run.status, 'success');
				const [item] = run.items;
				assert.equal(item.event, 'ContactCreate');
				assert.equal(item.contactError, undefined, `no contact: ${String(item.contactError)}`);
				const contact = item.contact as Record<string, unknown>;
				assert.equal(contact.id, contactId);
				assert.equal(contact.email, email);
				// The payload's contact is simplified (a `name`); the one read from GHL has `firstName`.
				assert.equal(contact.firstName, 'Webhook');
				const tasks = await onboardingTasks(client, contactId);
				assert.deepEqual(
					tasks.map((task) => task.title),
					['Onboarding call with Webhook'],
				);
				assert.equal(run.tasks.length, 1);
			},
		);

		await report.check(
			'a forged event (signed by another key) is refused with 401 and starts no execution',
			async () => {
				await client.control('POST', '/webhooks/send', {
					event: 'ContactCreate',
					forge: 'signature',
				});
				const forged = await observed.nextDelivery();
				assert.deepEqual(statuses(forged), [401]);
				assert.equal(forged.state, 'failed');
				// The next honest delivery's run is the only one since the forgery.
				await honestDelivery();
			},
		);

		await report.check(
			'a retried delivery (the same webhookId again) is answered 2xx, starts no execution and writes no second task',
			async () => {
				const { delivery: original, contactId } = await honestDelivery();
				await client.control('POST', '/webhooks/send', { event: 'ContactCreate', forge: 'replay' });
				const again = await observed.nextDelivery();
				assert.equal(again.webhookId, original.webhookId);
				const [status] = statuses(again);
				assert.ok(
					typeof status === 'number' && status >= 200 && status < 300,
					`answered ${status}`,
				);
				// The next honest delivery's run is the only one since the replay.
				await honestDelivery();
				assert.equal((await onboardingTasks(client, contactId)).length, 1);
			},
		);

		await report.check(
			'a retry that arrives while the first delivery still runs starts an execution that passes nothing on, and writes no second task',
			async () => {
				// The first execution reads the contact and writes its task through a slowed-down API: it
				// is still running when the replay comes in, so n8n's processed-data store is all that
				// stops the replay.
				const { latency } = await client.control<{ latency: object }>('GET', '/config');
				await client.control('PUT', '/config', { latency: { fixedMs: 4000, randomMs: 0 } });
				try {
					const { contact } = await client.ghl<{ contact: { id: string } }>('POST', '/contacts/', {
						locationId: client.sandbox.mainLocationId,
						firstName: 'Slow',
						lastName: 'Person',
					});
					const first = await observed.nextDelivery();
					await client.control('POST', '/webhooks/send', {
						event: 'ContactCreate',
						forge: 'replay',
					});
					const again = await observed.nextDelivery();
					assert.equal(again.webhookId, first.webhookId);
					assert.deepEqual([statuses(first), statuses(again)], [[200], [200]]);
					const runs = await observed.newRuns();
					assert.deepEqual(
						runs.map((r) => r.items.map((item) => item.webhookId)).sort(),
						[[], [first.webhookId]],
						'expected two executions, one passing the event on and one passing nothing',
					);
					assert.deepEqual(
						(await onboardingTasks(client, contact.id)).map((task) => task.title),
						['Onboarding call with Slow'],
					);
				} finally {
					await client.control('PUT', '/config', { latency });
				}
			},
		);

		await report.check(
			'an event and four resends delivered at the same moment run the workflow once and write one task',
			async () => {
				const { contact } = await client.ghl<{ contact: { id: string } }>('POST', '/contacts/', {
					locationId: client.sandbox.mainLocationId,
					firstName: 'Burst',
					lastName: 'Person',
				});
				// The resends leave while the event's own delivery is still on its way.
				await Promise.all(
					[1, 2, 3, 4].map(() =>
						client.control('POST', '/webhooks/send', { event: 'ContactCreate', forge: 'replay' }),
					),
				);
				const deliveries: DeliveryView[] = [];
				for (let i = 0; i < 5; i++) deliveries.push(await observed.nextDelivery());
				assert.deepEqual(
					[...new Set(deliveries.map((d) => d.webhookId))],
					[deliveries[0].webhookId],
					'the five deliveries carry one webhookId',
				);
				assertAnsweredOk(deliveries);
				assertOneRunPassesOn(await observed.newRuns(), deliveries[0].webhookId);
				assert.deepEqual(
					(await onboardingTasks(client, contact.id)).map((task) => task.title),
					['Onboarding call with Burst'],
				);
			},
		);
	} finally {
		await client.control('DELETE', `/webhooks/${subscription.id}`);
		await client.control('PUT', '/webhooks/policy', policy);
	}
}
