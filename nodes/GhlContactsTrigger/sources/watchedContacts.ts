import { isNotFoundError } from '../../shared/transport';
import { asNodeError } from '../errors';
import type { PollRun } from '../run';

/**
 * Runs `read` for each watched contact, each with its own stored state, and returns the state
 * after the poll. Contacts go stalest first (the ones never read, then in the stored order, which
 * puts the ones read last at the end), so that a poll that runs out of time leaves the contacts it
 * did not reach for the next one instead of starving them. A contact GHL no longer has is a
 * warning, not a failure of the other contacts; its state stays, and so does that of contacts
 * not reached. A contact no longer watched is forgotten.
 */
export async function eachWatchedContact<S>(
	run: PollRun,
	what: string,
	stored: Record<string, S> | undefined,
	read: (contactId: string, state: S | undefined) => Promise<S>,
): Promise<Record<string, S>> {
	const { ctx, settings } = run;
	const previous = stored ?? {};
	const watched = new Set(settings.watchedContactIds);
	const order = [
		...settings.watchedContactIds.filter((id) => !(id in previous)),
		...Object.keys(previous).filter((id) => watched.has(id)),
	];
	const kept: Record<string, S> = {};
	const done: Record<string, S> = {};
	for (const contactId of order) {
		const state = previous[contactId];
		if (run.outOfTime()) {
			if (state !== undefined) kept[contactId] = state;
			continue;
		}
		try {
			done[contactId] = await read(contactId, state);
		} catch (error) {
			if (!isNotFoundError(error)) throw asNodeError(ctx, error);
			ctx.logger.warn(
				`GHL Contacts Trigger: watched contact ${contactId} was not found, so its ${what} are not followed; remove it from Contact IDs if it was deleted`,
				{ node: ctx.getNode().name, workflowId: ctx.getWorkflow().id },
			);
			if (state !== undefined) kept[contactId] = state;
		}
	}
	return { ...kept, ...done };
}
