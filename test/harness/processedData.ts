import { DataDeduplicationService } from 'n8n-core';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';

/**
 * Operations that read the row, then wait until all of them have read before any writes: what
 * n8n processes that touch the row at the same moment do, each reading before the others write.
 */
class Race {
	private readonly arrived: Array<() => void> = [];

	constructor(
		private readonly size: number,
		private readonly onDone: () => void,
	) {}

	/** Resolves once every racer has read (or 2 s have passed: a racer that never comes). */
	async join(): Promise<void> {
		const released = new Promise<void>((resolve) => this.arrived.push(resolve));
		if (this.arrived.length === this.size) this.release();
		const timeout = setTimeout(() => this.release(), 2_000);
		await released;
		clearTimeout(timeout);
	}

	private release(): void {
		this.onDone();
		// In arrival order: the last to arrive writes last, and its row is what stays.
		for (const resolve of this.arrived.splice(0)) resolve();
	}
}

/**
 * n8n's processed-data store (the `processed_data` table behind `checkProcessedAndRecord`), kept
 * in memory: one row per workflow and scope, holding the last `maxEntries` values in `entries`
 * mode, as n8n's DeduplicationHelper keeps them. The harness has no database, and n8n-core only
 * reaches the store through this interface. Like n8n's, it reads the row, awaits, then writes it
 * back whole: two checks of one value in between both find it new, the later write drops what
 * the earlier one added, and two first inserts of one row collide (the second fails, as the
 * table's primary key makes it fail). `raceNext` makes such an interleaving happen on purpose.
 */
class InMemoryProcessedData implements IDataDeduplicator {
	private readonly rows = new Map<string, string[]>();
	private race?: Race;

	/** The next `count` operations all read the row before any of them writes it back. */
	raceNext(count: number): void {
		const race = new Race(count, () => {
			if (this.race === race) this.race = undefined;
		});
		this.race = race;
	}

	private key(scope: DeduplicationScope, { node, workflow }: ICheckProcessedContextData): string {
		if (scope === 'node' && node === undefined) throw new Error("Scope 'node' needs the node");
		return `${workflow.id}|${scope === 'node' ? `n:${node!.id}` : ''}`;
	}

	private static entriesOnly(options: ICheckProcessedOptions): void {
		if (options.mode !== 'entries') {
			throw new Error(
				`The harness keeps processed data in 'entries' mode only, not '${options.mode}'`,
			);
		}
	}

	/** The database round trip between n8n's read and its write (or a race's wait for the others). */
	private async roundTrip(): Promise<void> {
		if (this.race) await this.race.join();
		else await new Promise((resolve) => setImmediate(resolve));
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		InMemoryProcessedData.entriesOnly(options);
		const key = this.key(scope, contextData);
		const stored = this.rows.get(key);
		const row = [...(stored ?? [])];
		await this.roundTrip();
		const known = new Set(row);
		const output: IDeduplicationOutput = { new: [], processed: [] };
		for (const item of items) {
			if (known.has(String(item))) {
				output.processed.push(item);
			} else {
				output.new.push(item);
				row.push(String(item));
				known.add(String(item));
			}
		}
		if (options.maxEntries) row.splice(0, row.length - options.maxEntries);
		if (stored === undefined && this.rows.has(key)) {
			throw new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: processed_data.context');
		}
		this.rows.set(key, row);
		return output;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<void> {
		InMemoryProcessedData.entriesOnly(options);
		const key = this.key(scope, contextData);
		const row = this.rows.get(key);
		if (!row) return;
		await this.roundTrip();
		const removed = new Set(items.map(String));
		this.rows.set(
			key,
			row.filter((value) => !removed.has(value)),
		);
	}

	/** The values a workflow's node-scoped row holds. */
	values(workflowId: string, nodeId: string): string[] {
		return [...(this.rows.get(`${workflowId}|n:${nodeId}`) ?? [])];
	}

	// The package only checks, records and removes; the rest would be untested code.
	clearAllProcessedItems = InMemoryProcessedData.unused;
	getProcessedDataCount = InMemoryProcessedData.unused;

	private static async unused(): Promise<never> {
		throw new Error('The package only checks, records and removes processed data');
	}
}

/**
 * One store for every copy of this module: a test that loads the package a second time, as a
 * second n8n process (`jest.isolateModulesAsync`), shares the database with the first.
 */
const shared = globalThis as { harnessProcessedData?: InMemoryProcessedData };
const store = (shared.harnessProcessedData ??= new InMemoryProcessedData());

/** The values the store holds for a workflow's node (its `processed_data` row). */
export const processedDataValues = (workflowId: string, nodeId: string) =>
	store.values(workflowId, nodeId);

/** How many values the store holds for a workflow's node (the size of its row). */
export const processedDataSize = (workflowId: string, nodeId: string) =>
	processedDataValues(workflowId, nodeId).length;

/** The next `count` store operations, from any process, read before any of them writes. */
export const raceNextStoreOperations = (count: number) => store.raceNext(count);

let initialized: Promise<void> | undefined;

/** Gives n8n-core its processed-data store, once per test file (n8n-core allows one). */
export async function useProcessedDataStore(): Promise<void> {
	initialized ??= DataDeduplicationService.init(store);
	await initialized;
}
