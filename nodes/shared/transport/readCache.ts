import type { IDataObject } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

import type { Endpoint, OperationId } from './endpoints';

/** Searches are sent as POST but change nothing, so they must not invalidate cached reads. */
const READS_SENT_AS_POST: ReadonlySet<OperationId> = new Set([
	'search-contacts-advanced',
	'task-search',
]);

/**
 * What a request reads or changes: its first path segment (`contacts`), and the record below it
 * when the path names one (`contacts/abc`, including that record's tasks, notes, tags, ...).
 * Without a record it stands for the whole collection (lists, searches, creates, bulk writes).
 */
export interface CacheScope {
	root: string;
	record?: string;
}

export function scopeOf(endpoint: Endpoint, params: Record<string, string>): CacheScope {
	const [root = '', second = ''] = endpoint.path.split('/').filter(Boolean);
	const named = /^\{(\w+)\}$/.exec(second);
	return named ? { root, record: params[named[1]]?.trim() } : { root };
}

export function isWrite(operationId: OperationId, endpoint: Endpoint): boolean {
	return endpoint.method !== 'GET' && !READS_SENT_AS_POST.has(operationId);
}

function overlaps(a: CacheScope, b: CacheScope): boolean {
	return a.root === b.root && (!a.record || !b.record || a.record === b.record);
}

/**
 * The GET answers of one execution (users asked not to re-read what they already have): the
 * same URL read by many items is sent once, even when the items run at the same time. Writes
 * are never cached and drop every read they may have changed. Each caller gets its own copy.
 */
export class ReadCache {
	private readonly entries = new Map<string, { scope: CacheScope; value: Promise<unknown> }>();

	async read<T>(key: string, scope: CacheScope, load: () => Promise<T>): Promise<T> {
		let entry = this.entries.get(key);
		if (!entry) {
			const value = load();
			entry = { scope, value };
			this.entries.set(key, entry);
			// A failure is not remembered: the next item asks again.
			value.catch(() => {
				if (this.entries.get(key)?.value === value) this.entries.delete(key);
			});
		}
		return deepCopy((await entry.value) as IDataObject) as T;
	}

	invalidate(scope: CacheScope): void {
		for (const [key, entry] of this.entries) {
			if (overlaps(entry.scope, scope)) this.entries.delete(key);
		}
	}
}
