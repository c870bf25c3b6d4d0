import type { IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { checkPathSegment } from '../shared/transport';
import { TASK_EVENTS, type EventName } from './events';
import { LIMITS } from './state';

export type TaskSource = 'location' | 'contacts';

/** Where a source starts on its first poll. */
export type FirstPoll =
	| { kind: 'nothingOld' }
	| { kind: 'sinceDate'; since: number }
	| { kind: 'latest'; count: number };

/** The node's parameters, read and checked once per poll. */
export interface TriggerSettings {
	events: Set<EventName>;
	watchFields: string[];
	taskSource: TaskSource;
	watchedContactIds: string[];
	simple: boolean;
	overlapMs: number;
	firstPoll: FirstPoll;
}

export const DEFAULT_OVERLAP_SECONDS = 120;

export function readSettings(this: IPollFunctions): TriggerSettings {
	const node = this.getNode();
	const events = new Set(this.getNodeParameter('events', []) as EventName[]);
	if (events.size === 0) {
		throw new NodeOperationError(node, 'Choose at least one event to watch', {
			description: 'Pick the events under "Trigger On".',
		});
	}
	const taskSource = this.getNodeParameter('taskSource', 'location') as TaskSource;
	const perContact =
		events.has('newNote') ||
		(taskSource === 'contacts' && TASK_EVENTS.some((event) => events.has(event)));
	const watchedContactIds = perContact ? readContactIds.call(this) : [];
	const options = this.getNodeParameter('options', {}) as { overlapSeconds?: number };
	return {
		events,
		watchFields: events.has('contactUpdated')
			? (this.getNodeParameter('watchFields', []) as string[])
			: [],
		taskSource,
		watchedContactIds,
		simple: this.getNodeParameter('simple', true) as boolean,
		overlapMs: Math.max(0, options.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS) * 1000,
		firstPoll: readFirstPoll.call(this),
	};
}

function readContactIds(this: IPollFunctions): string[] {
	const node = this.getNode();
	const raw = String(this.getNodeParameter('contactIds', '') ?? '');
	const ids = [...new Set(raw.split(/[\s,]+/).filter(Boolean))];
	if (ids.length === 0) {
		throw new NodeOperationError(node, 'Contact IDs is empty', {
			description:
				'New Note (and task events with Task Source "Watched Contacts") watch the contacts listed under Contact IDs: enter at least one ID.',
		});
	}
	if (ids.length > LIMITS.watchedContacts) {
		throw new NodeOperationError(
			node,
			`Contact IDs lists ${ids.length} contacts; the trigger watches at most ${LIMITS.watchedContacts}`,
			{
				description:
					'Each watched contact costs a request per poll. For tasks across the location, use Task Source "Location (All Tasks)".',
			},
		);
	}
	try {
		return ids.map((id) => checkPathSegment('Contact ID', id));
	} catch (error) {
		throw new NodeOperationError(node, (error as Error).message);
	}
}

function readFirstPoll(this: IPollFunctions): FirstPoll {
	const kind = this.getNodeParameter('firstPoll', 'nothingOld') as FirstPoll['kind'];
	if (kind === 'sinceDate') {
		const value = this.getNodeParameter('sinceDate', '') as unknown;
		// The date picker gives a zone-less date-time: it means the workflow's timezone.
		const since = DateTime.fromISO(String(value ?? ''), { zone: this.getTimezone() }).toMillis();
		if (Number.isNaN(since)) {
			throw new NodeOperationError(
				this.getNode(),
				`Since is not a valid date: "${String(value)}"`,
				{
					description: 'Pick a date, or enter an ISO 8601 date-time such as 2026-03-01T09:30:00Z.',
				},
			);
		}
		return { kind, since };
	}
	if (kind === 'latest') {
		const count = Math.floor(this.getNodeParameter('latestCount', 10) as number);
		return { kind, count: Math.min(Math.max(count, 1), 500) };
	}
	return { kind: 'nothingOld' };
}
