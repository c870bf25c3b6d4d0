import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import { clearLog, control, pitCredential, requestLog, useSandbox } from '../support/ghl';
import { someContactIds } from '../node/assoc.support';
import { contactIdFromItem, count, pairedIndexes, statusesOf } from './support';

// A scaled-down GHL: the same fixed windows, small enough that several windows pass in a test.
const BURST = 30;
const sandbox = useSandbox({
	contacts: 200,
	latency: { fixedMs: 20, randomMs: 10 },
	rateLimit: { burst: BURST, windowMs: 1_000, daily: 200_000 },
});

let ids: string[];
beforeAll(async () => {
	ids = await someContactIds(sandbox(), 120);
});
beforeEach(async () => {
	// Every test starts with full windows, as if the last one had long passed.
	await control(sandbox(), 'POST', '/clock', { advanceMs: 60_000 });
});

const getContacts = (items: IDataObject[], extra: object = {}) => ({
	type: 'ghlContacts',
	parameters: {
		resource: 'contact',
		operation: 'get',
		contactId: contactIdFromItem,
		requestOptions: { parallelRequests: 8 },
		...extra,
	},
	credentials: [pitCredential(sandbox())],
	items,
});

describe('Parallel requests paced to the rate limit', () => {
	it('gets 120 contacts over four windows: every item once, in order, paired, and no 429', async () => {
		await clearLog(sandbox());
		const run = await runNode(getContacts(ids.map((id) => ({ id }))));

		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.id)).toEqual(ids);
		expect(pairedIndexes(run.items)).toEqual(ids.map((_id, index) => index));
		const requests = await requestLog(sandbox());
		expect(statusesOf(requests).every((status) => status === 200)).toBe(true);
		expect(requests.map((request) => request.path).sort()).toEqual(
			ids.map((id) => `/contacts/${id}`).sort(),
		);
	});

	it('runs two executions at once on the same location: both complete, nothing refused', async () => {
		await clearLog(sandbox());
		const [first, second] = await Promise.all([
			runNode(getContacts(ids.slice(0, 60).map((id) => ({ id })))),
			runNode(getContacts(ids.slice(60).map((id) => ({ id })))),
		]);

		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect(first.items.map((item) => item.json.id)).toEqual(ids.slice(0, 60));
		expect(second.items.map((item) => item.json.id)).toEqual(ids.slice(60));
		expect(count(statusesOf(await requestLog(sandbox())), 429)).toBe(0);
	});

	it('finishes every item while another worker spends the same budget (the headers tell)', async () => {
		await clearLog(sandbox());
		// Another process with the same token: a third of each window, spent at its start.
		let stop = false;
		const otherWorker = (async () => {
			let sent = 0;
			while (!stop) {
				const batch = Array.from({ length: BURST / 3 }, () =>
					fetch(new URL(`/contacts/${ids[0]}`, sandbox().url), {
						headers: {
							Authorization: `Bearer ${sandbox().tokens.readWrite}`,
							Version: '2021-07-28',
						},
					}),
				);
				sent += (await Promise.all(batch)).length;
				await new Promise((resolve) => setTimeout(resolve, 1_000));
			}
			return sent;
		})();
		const run = await runNode(getContacts(ids.slice(0, 90).map((id) => ({ id }))));
		stop = true;
		const otherSent = await otherWorker;

		expect(otherSent).toBeGreaterThan(0);
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.id)).toEqual(ids.slice(0, 90));
		const log = await requestLog(sandbox());
		// Each of our contacts was answered once; refusals, if any, were retried, never output.
		for (const id of ids.slice(1, 90)) {
			expect(log.filter((r) => r.path === `/contacts/${id}` && r.status === 200)).toHaveLength(1);
		}
	});

	it('keeps Continue On Fail per item: failures in place, the rest done', async () => {
		const input = ids
			.slice(0, 20)
			.map((id, index) => ({ id: index % 5 === 2 ? `missing${index}` : id }));
		const run = await runNode({ ...getContacts(input), continueOnFail: true });

		expect(run.error).toBeUndefined();
		expect(pairedIndexes(run.items)).toEqual(input.map((_item, index) => index));
		run.items.forEach((item, index) => {
			if (index % 5 === 2) expect(item.json.error).toMatch(/not found/i);
			else expect(item.json.id).toBe(input[index].id);
		});
	});

	it('without Continue On Fail, fails on the first failing item and starts no item after the running ones', async () => {
		await clearLog(sandbox());
		const input = ids.slice(0, 60).map((id, index) => ({ id: index === 10 ? 'missing10' : id }));
		// With one latency for all, no item started after item 10 can finish (and free its slot for
		// yet another item) before item 10 has failed.
		await control(sandbox(), 'PUT', '/config', { latency: { randomMs: 0 } });
		const run = await runNode(getContacts(input)).finally(() =>
			control(sandbox(), 'PUT', '/config', { latency: { randomMs: 10 } }),
		);

		expect(run.error?.message).toMatch(/not found/i);
		expect((run.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(10);
		const sent = (await requestLog(sandbox())).length;
		// Items 0-10, plus at most the other 7 that were running when item 10 failed.
		expect(sent).toBeGreaterThanOrEqual(11);
		expect(sent).toBeLessThanOrEqual(11 + 7);
	});

	it('works one item at a time when asked to', async () => {
		await clearLog(sandbox());
		const run = await runNode(
			getContacts(
				ids.slice(0, 5).map((id) => ({ id })),
				{ requestOptions: { parallelRequests: 1 } },
			),
		);
		expect(run.items.map((item) => item.json.id)).toEqual(ids.slice(0, 5));
		const requests = await requestLog(sandbox());
		// One at a time: the server saw them in item order.
		expect(requests.map((request) => request.path)).toEqual(
			ids.slice(0, 5).map((id) => `/contacts/${id}`),
		);
	});
});
