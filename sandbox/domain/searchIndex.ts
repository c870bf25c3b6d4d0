import type { Clock } from '../types';
import type { ContactRecord } from './records';

export interface SortedEntry<K> {
	record: ContactRecord;
	key: K;
}

interface PendingChange {
	visibleAt: number;
	id: string;
	/** null: the contact was deleted. */
	record: ContactRecord | null;
}

interface SortedView {
	locationId: string;
	keyOf: (record: ContactRecord) => unknown;
	compare: (a: SortedEntry<unknown>, b: SortedEntry<unknown>) => number;
	entries: Array<SortedEntry<unknown>>;
}

/**
 * What search sees. GHL's search is an eventually consistent index: a change reaches it only
 * `lagMs` after it happened (by the sandbox clock). Until then search keeps the previous version.
 * Sorted views are built once per order and then kept sorted change by change, so that a search
 * after a write costs a scan, not a sort.
 */
export class SearchIndex {
	private readonly visible = new Map<string, ContactRecord>();
	private pending: PendingChange[] = [];
	private readonly views = new Map<string, SortedView>();

	constructor(
		private readonly clock: Clock,
		private readonly lagMs: number,
	) {}

	/** Seeded data is indexed already. */
	load(record: ContactRecord): void {
		this.apply(record.id, record);
	}

	put(record: ContactRecord): void {
		this.enqueue(record.id, record);
	}

	remove(id: string): void {
		this.enqueue(id, null);
	}

	/**
	 * Records of one location with their sort keys, in `compare` order. `viewKey` must identify
	 * `keyOf` and `compare`.
	 */
	sorted<K>(
		locationId: string,
		viewKey: string,
		keyOf: (record: ContactRecord) => K,
		compare: (a: SortedEntry<K>, b: SortedEntry<K>) => number,
	): ReadonlyArray<SortedEntry<K>> {
		this.catchUp();
		const key = `${locationId}|${viewKey}`;
		let view = this.views.get(key);
		if (!view) {
			const entries: Array<SortedEntry<K>> = [];
			for (const record of this.visible.values()) {
				if (record.locationId === locationId) entries.push({ record, key: keyOf(record) });
			}
			entries.sort(compare);
			view = { locationId, keyOf, compare, entries } as SortedView;
			this.views.set(key, view);
		}
		return view.entries as Array<SortedEntry<K>>;
	}

	private enqueue(id: string, record: ContactRecord | null): void {
		if (this.lagMs <= 0) {
			this.apply(id, record);
			return;
		}
		this.pending.push({ visibleAt: this.clock.now() + this.lagMs, id, record });
	}

	private catchUp(): void {
		if (this.pending.length === 0) return;
		const now = this.clock.now();
		// Changes apply in the order they happened; a due change supersedes earlier ones of the same contact.
		const lastDue = new Map<string, number>();
		this.pending.forEach((change, i) => {
			if (change.visibleAt <= now) lastDue.set(change.id, i);
		});
		if (lastDue.size === 0) return;
		const remaining: PendingChange[] = [];
		this.pending.forEach((change, i) => {
			const due = lastDue.get(change.id);
			if (due === i) this.apply(change.id, change.record);
			else if (due === undefined || i > due) remaining.push(change);
		});
		this.pending = remaining;
	}

	private apply(id: string, record: ContactRecord | null): void {
		const previous = this.visible.get(id);
		if (record) this.visible.set(id, record);
		else this.visible.delete(id);
		for (const view of this.views.values()) {
			if (previous?.locationId === view.locationId) {
				const at = position(view, { record: previous, key: view.keyOf(previous) });
				view.entries.splice(at, 1);
			}
			if (record?.locationId === view.locationId) {
				const entry = { record, key: view.keyOf(record) };
				view.entries.splice(position(view, entry), 0, entry);
			}
		}
	}
}

/** Index of the first entry not before `entry` (ids make every entry's position unique). */
function position(view: SortedView, entry: SortedEntry<unknown>): number {
	let lo = 0;
	let hi = view.entries.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (view.compare(view.entries[mid], entry) < 0) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
