import type { IDataObject } from 'n8n-workflow';

import type { StreamCursor } from './cursor';
import type { TaskSnapshot } from './taskSnapshot';

/**
 * Bounds of the stored state, so a busy location cannot grow the workflow's static data without
 * limit (n8n saves it with the workflow after every poll that emits).
 */
export const LIMITS = {
	/** Contact ids kept per stream to recognise re-read contacts inside the overlap window. */
	seenIds: 5_000,
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

export interface NoteCursor {
	/** Newest `dateAdded` handled (epoch ms); null while the contact had no notes. */
	at: number | null;
	/** Ids of the notes at `at`. */
	ids: string[];
}

export interface TriggerState {
	newContacts?: StreamCursor;
	updatedContacts?: StreamCursor & { baselines?: Baselines };
	tasks?: { source: string; snapshot: TaskSnapshot };
	notes?: Record<string, NoteCursor>;
}

const KEY = 'ghlContactsTrigger';

/** The state of the last successful poll, or undefined before the first one. */
export function readState(staticData: IDataObject): TriggerState | undefined {
	const stored = staticData[KEY];
	// A plain copy: the poll works on it and writes it back only when it succeeds.
	return stored === undefined ? undefined : (JSON.parse(JSON.stringify(stored)) as TriggerState);
}

export function writeState(staticData: IDataObject, state: TriggerState): void {
	staticData[KEY] = state as IDataObject;
}
