import type { IPollFunctions } from 'n8n-workflow';

import type { GhlConnection } from '../shared/transport';
import type { FirstPoll, TriggerSettings } from './settings';

/**
 * How long a poll may take. n8n's durable poll scheduler abandons a poll after 60 s
 * (`N8N_SCHEDULER_POLL_TIMEOUT`), and an abandoned poll records nothing, so a long catch-up
 * stops starting reads after `readMs`, keeps what it read, and goes on at the next poll; no
 * request runs past `deadlineMs`.
 */
export const POLL_TIME = { readMs: 25_000, deadlineMs: 50_000 } as const;

/** One scheduled poll, as every source sees it. */
export interface PollRun {
	ctx: IPollFunctions;
	connection: GhlConnection;
	settings: TriggerSettings;
	/** n8n's clock when the poll started (epoch ms). */
	nowMs: number;
	/**
	 * Where a source without stored state starts: the First Poll setting on the trigger's first
	 * poll; nothing old for a source added to a running trigger.
	 */
	firstPoll: FirstPoll;
	/** Whether the poll should start no more reads, keeping what it has for the next poll. */
	outOfTime(): boolean;
}
