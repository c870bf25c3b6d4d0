import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { resolveConnection, type GhlConnection } from '../shared/transport';
import { CONTACT_EVENTS, TASK_EVENTS, toItems, type EventName, type TriggerEvent } from './events';
import { readSettings, type TriggerSettings } from './settings';
import { pollContacts, sampleContacts } from './sources/contacts';
import { pollNotes, sampleNotes } from './sources/notes';
import { pollTasks, sampleTasks } from './sources/tasks';
import { readState, writeState, type TriggerState } from './state';

const watches = (settings: TriggerSettings, events: EventName[]) =>
	events.some((event) => settings.events.has(event));

/** Everything that happened since the stored state, source by source, and the state after it. */
async function collect(
	ctx: IPollFunctions,
	connection: GhlConnection,
	settings: TriggerSettings,
	state: TriggerState,
	nowMs: number,
): Promise<{ events: TriggerEvent[]; next: TriggerState }> {
	const next: TriggerState = {};
	const events: TriggerEvent[] = [];
	if (watches(settings, CONTACT_EVENTS)) {
		events.push(...(await pollContacts(ctx, connection, settings, state, next)));
	}
	if (watches(settings, TASK_EVENTS)) {
		events.push(...(await pollTasks(ctx, connection, settings, state, next, nowMs)));
	}
	if (settings.events.has('newNote')) {
		events.push(...(await pollNotes(ctx, connection, settings, state, next)));
	}
	return { events, next };
}

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

/** A failure the next poll may not meet: the network, a GHL server error, or the rate limit. */
function isTransient(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const status = error.httpCode;
	return !status || !/^\d{3}$/.test(status) || status === '429' || status.startsWith('5');
}

/** The transport's errors already name the operation and the fix; anything else gets the node. */
function asNodeError(ctx: IPollFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error);
}

/**
 * One poll. The stored state is replaced only when every source was read, so a poll that fails
 * half way emits nothing and the next one reads the same changes again. Failures are thrown in a
 * test fetch and on the first poll (so activation reports them); later, a transient one is
 * logged and the next poll catches up, while auth, scope and input errors are still thrown.
 */
export async function pollTrigger(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const staticData = this.getWorkflowStaticData('node');
	const manual = this.getMode() === 'manual';
	const state = readState(staticData);
	try {
		const settings = readSettings.call(this);
		const connection = await resolveConnection(this);
		const nowMs = Date.now();
		if (manual) {
			const samples = await sample(this, connection, settings, nowMs);
			return samples.length > 0 ? [toItems(samples, settings.simple, nowMs)] : null;
		}
		const { events, next } = await collect(this, connection, settings, state ?? {}, nowMs);
		writeState(staticData, next);
		return events.length > 0 ? [toItems(events, settings.simple, nowMs)] : null;
	} catch (error) {
		if (manual || state === undefined || !isTransient(error)) throw asNodeError(this, error);
		this.logger.error(
			`GHL Contacts Trigger: this poll failed and changed nothing; the next poll reads the same changes again. ${(error as Error).message}`,
			{ node: this.getNode().name, workflowId: this.getWorkflow().id },
		);
		return null;
	}
}
