import type { IDataObject } from 'n8n-workflow';

import type { StreamCursor } from './cursor';
import type { TaskSnapshot } from './taskSnapshot';

/**
 * Bounds of the stored state, so a busy location cannot grow the workflow's static data without
 * limit (n8n saves it with the workflow after every poll that emits).
 */
export const LIMITS = {
	/**
	 * A safety net only: the dedup record of a stream keeps every key inside the overlap window
	 * (its bound is time), unless a burst far beyond GHL's rate limit puts more than this many in
	 * one window; then the window shrinks for that burst (see `advance`).
	 */
	seenKeys: 50_000,
	/** Contacts whose watched field values are kept to report old and new values. */
	baselines: 5_000,
	/** Open tasks a location may have for the location-wide task source. */
	openTasks: 5_000,
	/** Completed tasks remembered (location-wide source) to tell a reopened task from a new one. */
	completedTasks: 1_000,
	/** Contacts the per-contact sources (tasks, notes) may watch: each costs a request per poll. */
	watchedContacts: 50,
} as const;

/** Watched field values of recently seen contacts, oldest first. */
export interface Baselines {
	fields: string[];
	values: Array<[contactId: string, values: string]>;
}

/** The tasks of the whole location, or of each watched contact on its own. */
export type TaskState =
	| { source: 'location'; snapshot: TaskSnapshot }
	| { source: 'contacts'; contacts: Record<string, TaskSnapshot> };

export interface TriggerState {
	newContacts?: StreamCursor;
	updatedContacts?: StreamCursor & { baselines?: Baselines };
	tasks?: TaskState;
	/** Each watched contact's notes, by `dateAdded`. */
	notes?: Record<string, StreamCursor>;
	/** The sub-account the state describes (absent in state stored before it was recorded). */
	locationId?: string;
}

const KEY = 'ghlContactsTrigger';

/**
 * The state of the last successful poll, or undefined before the first one and after the trigger
 * was pointed at another sub-account (whose changes that state does not describe).
 */
export function readState(staticData: IDataObject, locationId: string): TriggerState | undefined {
	const stored = staticData[KEY] as TriggerState | undefined;
	if (stored?.locationId !== undefined && stored.locationId !== locationId) return undefined;
	// A plain copy: the poll works on it and writes it back only when it succeeds.
	return stored === undefined ? undefined : (JSON.parse(JSON.stringify(stored)) as TriggerState);
}

export function writeState(staticData: IDataObject, state: TriggerState): void {
	staticData[KEY] = state as IDataObject;
}
