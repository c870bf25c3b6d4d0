import type { DeliveryPolicy } from '../../sandbox/webhooks/dispatcher';
import { example } from '../examples';
import { assert } from '../lib/expect';
import { LoadBalancer } from '../lib/loadBalancer';
import { nodeItems, storedRun } from '../lib/n8n';
import { waitFor } from '../lib/rest';
import type { SandboxClient } from '../lib/sandboxClient';
import type { WorkflowJson } from '../workflowBuilder';
import { WEBHOOK_EXAMPLE, webhookExampleForSandbox, webhookExampleUrl } from '../workflows';
import type { QueueContext } from './queue';
import {
	assertAnsweredOk,
	assertOneRunPassesOn,
	Observed,
	onboardingTasks,
	statuses,
} from './webhookTrigger';
import type { DeliveryView } from './webhookTrigger';

const POLL_EXAMPLE = { file: 'new-contact-onboarding-task.json', trigger: 'New Contact' } as const;

export interface TriggerFixtures {
	workflows: WorkflowJson[];
	webhookWorkflowId: string;
	pollWorkflowId: string;
}

/** The two trigger examples: the webhook one trusting the sandbox's signing keys. */
export async function triggerFixtures(client: SandboxClient): Promise<TriggerFixtures> {
	const keys = await client.control<{ ed25519: string; rsa: string }>('GET', '/keys');
	const webhook = webhookExampleForSandbox(keys);
	const poll = example(POLL_EXAMPLE.file).workflow;
	return { workflows: [webhook, poll], webhookWorkflowId: webhook.id, pollWorkflowId: poll.id };
}

export async function queueTriggers(
	context: QueueContext,
	fixtures: TriggerFixtures,
): Promise<void> {
	await webhookBehindProcessors(context, fixtures.webhookWorkflowId);
	await pollOnMain(context, fixtures.pollWorkflowId);
}

/**
 * GHL delivers to a load balancer in front of the two webhook processors, which hands each
 * request to the next one in turn: a retry of a delivery reaches the other process.
 */
async function webhookBehindProcessors(context: QueueContext, workflowId: string): Promise<void> {
	const { report, cluster, rest, client } = context;
	const balancer = new LoadBalancer(cluster.webhookProcessors.map((p) => p.url));
	const balancerUrl = await balancer.listen();
	await report.must(
		`the example ${WEBHOOK_EXAMPLE.file} activates on both webhook processors`,
		async () => {
			await rest.activate(workflowId);
			await cluster.webhookKnownEverywhere(new URL(webhookExampleUrl(balancerUrl)).pathname);
		},
	);
	const { policy } = await client.control<{ policy: DeliveryPolicy }>('GET', '/webhooks');
	await client.control('PUT', '/webhooks/policy', { retries: 0 });
	const subscription = await client.control<{ id: string }>('POST', '/webhooks', {
		url: webhookExampleUrl(balancerUrl),
		events: ['ContactCreate'],
	});
	const observed = new Observed(rest, cluster.main.host, client, workflowId);
	const createContact = async (firstName: string) =>
		(
			await client.ghl<{ contact: { id: string } }>('POST', '/contacts/', {
				locationId: client.sandbox.mainLocationId,
				firstName,
				lastName: 'Queue',
			})
		).contact.id;
	const replays = (count: number) =>
		Promise.all(
			Array.from({ length: count }, () =>
				client.control('POST', '/webhooks/send', { event: 'ContactCreate', forge: 'replay' }),
			),
		);
	/** The processes that got the last `count` deliveries, by index. */
	const processorsOfLast = (count: number) => balancer.routed.slice(-count).map((r) => r.target);

	try {
		const first = await report.check(
			'one delivery through a webhook processor → one execution on a worker → one task',
			async () => {
				const contactId = await createContact('Queued');
				const delivery = await observed.nextDelivery();
				assert.deepEqual(statuses(delivery), [200]);
				const runs = await observed.newRuns();
				assert.deepEqual(
					runs.map((r) => r.items.map((item) => item.webhookId)),
					[[delivery.webhookId]],
				);
				assert.notEqual(cluster.workerOf(runs[0].id), -1, 'no worker ran the execution');
				assert.deepEqual(
					(await onboardingTasks(client, contactId)).map((t) => t.title),
					['Onboarding call with Queued'],
				);
				return { contactId, delivery };
			},
		);

		await report.check(
			'its retry reaches the other webhook processor, is answered 2xx and starts no second run',
			async () => {
				assert.ok(first, 'the first delivery failed');
				await replays(1);
				const again = await observed.nextDelivery();
				assert.equal(again.webhookId, first.delivery.webhookId);
				assertAnsweredOk([again]);
				const [original, retry] = processorsOfLast(2);
				assert.notEqual(retry, original, 'the retry went to the same webhook processor');
				// The next honest delivery's run is the only one since the retry.
				await createContact('Later');
				await observed.nextDelivery();
				const runs = await observed.newRuns();
				assert.equal(runs.length, 1, `${runs.length} executions since the retry`);
				assert.equal((await onboardingTasks(client, first.contactId)).length, 1);
			},
		);

		await report.check(
			'an event and four resends at the same moment, spread over both webhook processors: one run passes it on, one task',
			async () => {
				const contactId = await createContact('Burst');
				await replays(4);
				const deliveries: DeliveryView[] = [];
				for (let i = 0; i < 5; i++) deliveries.push(await observed.nextDelivery());
				assert.deepEqual([...new Set(deliveries.map((d) => d.webhookId))].length, 1);
				assertAnsweredOk(deliveries);
				assert.deepEqual(
					[...new Set(processorsOfLast(5))].sort(),
					[0, 1],
					'both processors got deliveries',
				);
				assertOneRunPassesOn(await observed.newRuns(), deliveries[0].webhookId);
				assert.deepEqual(
					(await onboardingTasks(client, contactId)).map((t) => t.title),
					['Onboarding call with Burst'],
				);
			},
		);
	} finally {
		await client.control('DELETE', `/webhooks/${subscription.id}`);
		await client.control('PUT', '/webhooks/policy', policy);
		await rest.deactivate(workflowId);
		await balancer.close();
	}
}

/**
 * Polls run on the main instance only (n8n's leader); the runs they start go to the workers.
 * New contacts are emitted once, and the next tick emits nothing again.
 */
async function pollOnMain(
	{ report, cluster, rest, client }: QueueContext,
	workflowId: string,
): Promise<void> {
	const searches = async () =>
		(await client.requests()).filter((r) => r.operationId === 'search-contacts-advanced');
	await client.clearLog();
	await report.must(
		`the example ${POLL_EXAMPLE.file} activates, and its first poll runs`,
		async () => {
			await rest.activate(workflowId);
			await waitFor('the first poll', async () =>
				(await searches()).length > 0 ? true : undefined,
			);
		},
	);
	await report.check(
		'three new contacts: one execution on a worker emits each once, and the next tick emits nothing',
		async () => {
			const ids: string[] = [];
			for (const n of [1, 2, 3]) {
				const { contact } = await client.control<{ contact: { id: string } }>('POST', '/contacts', {
					locationId: client.sandbox.mainLocationId,
					firstName: 'Polled',
					lastName: `Person${n}`,
				});
				ids.push(contact.id);
			}
			const [execution] = await waitFor(
				'a poll to start an execution',
				async () => {
					const found = await rest.executions(workflowId);
					return found.length > 0 ? found : undefined;
				},
				150_000,
			);
			const ended = await rest.ended(execution.id, 60_000);
			assert.equal(ended.status, 'success');
			const emitted = nodeItems(storedRun(cluster.main.host, ended.data), POLL_EXAMPLE.trigger).map(
				(item) => item.id,
			);
			assert.deepEqual(
				[...emitted].sort(),
				[...ids].sort(),
				'the poll did not emit exactly the three contacts',
			);
			assert.notEqual(cluster.workerOf(execution.id), -1, 'no worker ran the execution');
			// The next tick: a search after this execution ended, and still only one execution.
			const endedAt = Date.parse((ended as unknown as { stoppedAt: string }).stoppedAt);
			await waitFor(
				'the next poll',
				async () => ((await searches()).some((r) => r.at > endedAt + 1000) ? true : undefined),
				75_000,
			);
			await new Promise((resolve) => setTimeout(resolve, 3000));
			const all = await rest.executions(workflowId);
			assert.equal(all.length, 1, `${all.length} executions of the poll workflow`);
			for (const id of ids) {
				const { tasks } = await client.ghl<{ tasks: unknown[] }>('GET', `/contacts/${id}/tasks`);
				assert.equal(tasks.length, 1, `contact ${id} has ${tasks.length} tasks`);
			}
			const ticks = new Set((await searches()).map((r) => Math.floor(r.at / 60_000)));
			console.log(`      ${(await searches()).length} searches over ${ticks.size} minute(s)`);
		},
	);
	await rest.deactivate(workflowId);
}
