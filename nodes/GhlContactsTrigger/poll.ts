import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { reportedDailyLimit, resolveConnection, type GhlConnection } from '../shared/transport';
import { describeCost, GHL_DAILY_BUDGET, pollsPerDay, WARN_SHARE, type PollCost } from './cost';
import { asNodeError, isTransient } from './errors';
import { CONTACT_EVENTS, TASK_EVENTS, toItems, type EventName, type TriggerEvent } from './events';
import { POLL_TIME, type PollRun } from './run';
import { readSettings, type TriggerSettings } from './settings';
import {
	pollNewContacts,
	pollUpdatedContacts,
	sampleContacts,
	type TimedEvent,
} from './sources/contacts';
import { pollNotes, sampleNotes } from './sources/notes';
import { pollTasks, sampleTasks } from './sources/tasks';
import { readState, writeState, type TriggerState } from './state';

const watches = (settings: TriggerSettings, events: EventName[]) =>
	events.some((event) => settings.events.has(event));

/** What one source found, and its state after the poll. */
interface SourceResult {
	contactEvents?: TimedEvent[];
	events?: TriggerEvent[];
	state: unknown;
}

interface Source {
	key: keyof TriggerState;
	/** What the user calls it, for the log. */
	label: string;
	watched(settings: TriggerSettings): boolean;
	poll(run: PollRun, stored: never): Promise<SourceResult>;
}

/**
 * The trigger's sources, each with its own state: one that fails keeps its state (the next poll
 * reads the same changes again) and does not hold back the others.
 */
const SOURCES: Source[] = [
	{
		key: 'newContacts',
		label: 'New contacts',
		watched: (s) => s.events.has('newContact'),
		poll: pollNewContacts,
	},
	{
		key: 'updatedContacts',
		label: 'Changed contacts',
		watched: (s) => s.events.has('contactUpdated'),
		poll: pollUpdatedContacts,
	},
	{
		key: 'tasks',
		label: 'Tasks',
		watched: (s) => watches(s, TASK_EVENTS),
		poll: pollTasks,
	},
	{
		key: 'notes',
		label: 'Notes',
		watched: (s) => s.events.has('newNote'),
		poll: pollNotes,
	},
];

/** "Fetch Test Event": recent examples of the chosen events; the stored state is not touched. */
async function sample(
	ctx: IPollFunctions,
	connection: GhlConnection,
	settings: TriggerSettings,
	nowMs: number,
): Promise<TriggerEvent[]> {
	const events: TriggerEvent[] = [];
	if (watches(settings, CONTACT_EVENTS))
		events.push(...(await sampleContacts(ctx, connection, settings)));
	if (watches(settings, TASK_EVENTS))
		events.push(...(await sampleTasks(ctx, connection, settings, nowMs)));
	if (settings.events.has('newNote'))
		events.push(...(await sampleNotes(ctx, connection, settings)));
	return events;
}

/** What the log last said a poll costs, per trigger: said again when it changes, or hourly. */
const lastCost = new WeakMap<IDataObject, { requests: number; at: number }>();
const COST_REPEAT_MS = 3_600_000;

function reportCost(ctx: IPollFunctions, staticData: IDataObject, cost: PollCost): void {
	const requests = cost.bySource.reduce((sum, source) => sum + source.requests, 0);
	const last = lastCost.get(staticData);
	const now = Date.now();
	if (last && last.requests === requests && now - last.at < COST_REPEAT_MS) return;
	lastCost.set(staticData, { requests, at: now });
	const { message, share } = describeCost(cost);
	const meta = { node: ctx.getNode().name, workflowId: ctx.getWorkflow().id };
	if (share !== undefined && share >= WARN_SHARE) ctx.logger.warn(message, meta);
	else ctx.logger.info(message, meta);
}

/**
 * Polls under way, by the static data they work on: n8n keeps one object per active workflow and
 * starts a poll on every tick, even while the previous one still runs.
 */
const running = new WeakSet<IDataObject>();

/**
 * One scheduled poll, source by source. Each source's state is replaced only when that source
 * was read, so a source that fails emits nothing and its next poll reads the same changes again.
 * On the trigger's first poll any failure is thrown (activation reports it) and nothing is
 * recorded; later, failures are logged, and thrown only when every source failed and one of the
 * failures is lasting (a refused credential, a missing scope), so that n8n shows it and backs off.
 */
async function scheduledPoll(ctx: IPollFunctions, staticData: IDataObject) {
	const settings = readSettings.call(ctx);
	const connection = await resolveConnection(ctx);
	const state = readState(staticData, connection.locationId);
	const startedAt = Date.now();
	connection.deadlineAt = startedAt + POLL_TIME.deadlineMs;
	const run: PollRun = {
		ctx,
		connection,
		settings,
		nowMs: startedAt,
		firstPoll: state === undefined ? settings.firstPoll : { kind: 'nothingOld' },
		outOfTime: () => Date.now() - startedAt >= POLL_TIME.readMs,
	};
	const next: Record<string, unknown> = { locationId: connection.locationId };
	const contactEvents: TimedEvent[] = [];
	const otherEvents: TriggerEvent[] = [];
	const failures: Array<{ label: string; error: unknown }> = [];
	const sources = SOURCES.filter((source) => source.watched(settings));
	connection.requestsSent = 0;
	const bySource: PollCost['bySource'] = [];
	for (const source of sources) {
		const stored = state?.[source.key];
		const sentBefore = connection.requestsSent;
		try {
			const result = await source.poll(run, stored as never);
			contactEvents.push(...(result.contactEvents ?? []));
			otherEvents.push(...(result.events ?? []));
			next[source.key] = result.state;
		} catch (error) {
			failures.push({ label: source.label, error });
			if (stored !== undefined) next[source.key] = stored;
		}
		bySource.push({ label: source.label, requests: connection.requestsSent - sentBefore });
	}
	reportCost(ctx, staticData, {
		bySource,
		pollsPerDay: pollsPerDay(ctx.getNodeParameter('pollTimes', {})),
		dailyBudget: reportedDailyLimit(connection) ?? GHL_DAILY_BUDGET,
	});
	if (failures.length > 0) {
		const lasting = failures.find(({ error }) => !isTransient(error));
		if (state === undefined) throw asNodeError(ctx, failures[0].error);
		if (lasting && failures.length === sources.length) throw asNodeError(ctx, lasting.error);
		for (const { label, error } of failures) {
			ctx.logger.error(
				`GHL Contacts Trigger: ${label} could not be read this poll and changed nothing; the next poll reads the same changes again. ${(error as Error).message}`,
				{ node: ctx.getNode().name, workflowId: ctx.getWorkflow().id },
			);
		}
	}
	writeState(staticData, next as TriggerState);
	// Each contact stream is in time order; together, in the order things happened.
	const events = [...contactEvents.sort((a, b) => a.at - b.at).map((e) => e.event), ...otherEvents];
	return events.length > 0 ? [toItems(events, settings.simple, startedAt)] : null;
}

export async function pollTrigger(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const staticData = this.getWorkflowStaticData('node');
	try {
		if (this.getMode() === 'manual') {
			const settings = readSettings.call(this);
			const nowMs = Date.now();
			const samples = await sample(this, await resolveConnection(this), settings, nowMs);
			return samples.length > 0 ? [toItems(samples, settings.simple, nowMs)] : null;
		}
		if (running.has(staticData)) {
			// The poll under way emits what this one would: two would emit it twice.
			this.logger.info(
				'GHL Contacts Trigger: the previous poll is still running, so this one was skipped',
				{ node: this.getNode().name, workflowId: this.getWorkflow().id },
			);
			return null;
		}
		running.add(staticData);
		try {
			return await scheduledPoll(this, staticData);
		} finally {
			running.delete(staticData);
		}
	} catch (error) {
		throw asNodeError(this, error);
	}
}
