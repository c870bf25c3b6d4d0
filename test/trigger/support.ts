import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { LoggedRequest, RunningSandbox } from '../../sandbox/types';
import { PollSession } from '../harness/runPoll';
import type { StoredCredential } from '../harness/credentialsHelper';
import { clearLog, control, pitCredential, requestLog } from '../support/ghl';

/** An activated GHL Contacts Trigger against the sandbox (PIT credential unless given). */
export async function trigger(
	sandbox: RunningSandbox,
	parameters: INodeParameters,
	credential: StoredCredential = pitCredential(sandbox),
): Promise<PollSession> {
	return await PollSession.create({
		type: 'ghlContactsTrigger',
		parameters,
		credentials: [credential],
	});
}

/** Polls and returns the emitted items (empty when the node emitted nothing). */
export async function poll(session: PollSession): Promise<IDataObject[]> {
	return (await session.poll()) ?? [];
}

export async function sandboxNow(sandbox: RunningSandbox): Promise<number> {
	return (await control<{ now: number }>(sandbox, 'GET', '/clock')).now;
}

/** Moves the sandbox clock (tests put it back with `resetClock`). */
export async function advanceClock(sandbox: RunningSandbox, ms: number): Promise<void> {
	await control(sandbox, 'POST', '/clock', { advanceMs: ms });
}

export async function resetClock(sandbox: RunningSandbox): Promise<void> {
	await control(sandbox, 'POST', '/clock', { set: Date.now() });
}

export async function createContact(
	sandbox: RunningSandbox,
	fields: IDataObject = {},
): Promise<IDataObject> {
	return (await control<{ contact: IDataObject }>(sandbox, 'POST', '/contacts', fields)).contact;
}

export async function patchContact(
	sandbox: RunningSandbox,
	id: string,
	fields: IDataObject,
): Promise<IDataObject> {
	return (await control<{ contact: IDataObject }>(sandbox, 'PATCH', `/contacts/${id}`, fields))
		.contact;
}

/** Creates `count` contacts sharing one `dateAdded` (the sandbox clock's now unless given). */
export async function bulkContacts(
	sandbox: RunningSandbox,
	count: number,
	fields: IDataObject = {},
): Promise<string[]> {
	const at = fields.dateAdded ?? (await sandboxNow(sandbox));
	return (
		await control<{ ids: string[] }>(sandbox, 'POST', '/bulk/contacts', {
			count,
			dateAdded: at,
			...fields,
		})
	).ids;
}

export async function createTask(
	sandbox: RunningSandbox,
	contactId: string,
	fields: IDataObject = {},
): Promise<IDataObject> {
	return (
		await control<{ task: IDataObject }>(sandbox, 'POST', `/contacts/${contactId}/tasks`, fields)
	).task;
}

export async function patchTask(
	sandbox: RunningSandbox,
	contactId: string,
	taskId: string,
	fields: IDataObject,
) {
	return (
		await control<{ task: IDataObject }>(
			sandbox,
			'PATCH',
			`/contacts/${contactId}/tasks/${taskId}`,
			fields,
		)
	).task;
}

export async function createNote(
	sandbox: RunningSandbox,
	contactId: string,
	fields: IDataObject = {},
): Promise<IDataObject> {
	return (
		await control<{ note: IDataObject }>(sandbox, 'POST', `/contacts/${contactId}/notes`, fields)
	).note;
}

/** Fails chosen calls: e.g. `[{ operationId: 'search-contacts-advanced', nth: 2, fault: 500 }]`. */
export async function scheduleFaults(
	sandbox: RunningSandbox,
	schedule: IDataObject[],
): Promise<void> {
	await control(sandbox, 'PUT', '/faults', { schedule });
}

/** The GHL requests the next `action` sends, by operationId. */
export async function requestsDuring(
	sandbox: RunningSandbox,
	action: () => Promise<unknown>,
): Promise<LoggedRequest[]> {
	await clearLog(sandbox);
	await action();
	return await requestLog(sandbox);
}

/** What the trigger logged, without the cost line it writes when a poll's cost changes. */
export const problemsIn = (session: PollSession) =>
	session.logs.filter((line) => !line.message.startsWith('GHL Contacts Trigger: this poll sent'));

export const ids = (items: IDataObject[]) => items.map((item) => item.id);
export const eventsOf = (items: IDataObject[]) => items.map((item) => `${item.event}:${item.id}`);
