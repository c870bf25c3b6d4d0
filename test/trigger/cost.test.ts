import { describeCost, pollsPerDay } from '../../nodes/GhlContactsTrigger/cost';
import { useSandbox } from '../support/ghl';
import { trigger } from './support';

describe('what a poll costs a day', () => {
	it('counts the polls a day n8n makes of each Poll Times entry', () => {
		const times = (...item: object[]) => ({ item });
		expect(pollsPerDay(times({ mode: 'everyMinute' }))).toBe(1440);
		expect(pollsPerDay(times({ mode: 'everyHour', minute: 5 }))).toBe(24);
		expect(pollsPerDay(times({ mode: 'everyX', value: 5, unit: 'minutes' }))).toBe(288);
		// n8n's cron is */7 in the minute field: minutes 0, 7, ... 56 of every hour.
		expect(pollsPerDay(times({ mode: 'everyX', value: 7, unit: 'minutes' }))).toBe(216);
		expect(pollsPerDay(times({ mode: 'everyX', value: 5, unit: 'hours' }))).toBe(5);
		expect(pollsPerDay(times({ mode: 'everyDay' }))).toBe(1);
		expect(pollsPerDay(times({ mode: 'everyMinute' }, { mode: 'everyDay' }))).toBe(1441);
		expect(pollsPerDay(times({ mode: 'custom', cronExpression: '* * * * *' }))).toBeUndefined();
		expect(pollsPerDay({})).toBeUndefined();
	});

	it('says the share of the daily budget, and warns above a tenth with the ways out', () => {
		const quiet = describeCost({
			bySource: [{ label: 'New contacts', requests: 1 }],
			pollsPerDay: 1440,
			dailyBudget: 200_000,
		});
		expect(quiet.message).toBe(
			"GHL Contacts Trigger: this poll sent 1 request (New contacts 1). At 1,440 polls a day, polls like this cost 1,440 requests a day, 0.7% of GHL's daily budget of 200,000 for this location.",
		);
		expect(quiet.share).toBeCloseTo(0.0072);

		const tasks = describeCost({
			bySource: [{ label: 'Tasks', requests: 51 }],
			pollsPerDay: 1440,
			dailyBudget: 200_000,
		});
		expect(tasks.message).toContain("73,440 requests a day, 36.7% of GHL's daily budget");
		expect(tasks.message).toContain('GHL Webhook Trigger');
		expect(tasks.message).toContain('Task Source "Watched Contacts"');
		expect(tasks.share).toBeGreaterThan(0.1);

		const custom = describeCost({
			bySource: [{ label: 'Notes', requests: 3 }],
			dailyBudget: 200_000,
		});
		expect(custom.share).toBeUndefined();
		expect(custom.message).toContain('custom schedule');
	});
});

describe('the poll log', () => {
	const sandbox = useSandbox({ contacts: 5 });

	it('states the cost when it changes, at the chosen interval, not on every quiet poll', async () => {
		const session = await trigger(sandbox(), {
			events: ['newContact', 'contactUpdated'],
			pollTimes: { item: [{ mode: 'everyX', value: 5, unit: 'minutes' }] },
		});
		await session.poll();
		await session.poll();
		await session.poll();
		const costs = session.logs.filter((line) => line.message.includes('this poll sent'));
		expect(costs).toEqual([
			expect.objectContaining({
				level: 'info',
				message: expect.stringContaining(
					'this poll sent 2 requests (New contacts 1, Changed contacts 1). At 288 polls a day, polls like this cost 576 requests a day, 0.3%',
				),
			}),
		]);
	});
});
