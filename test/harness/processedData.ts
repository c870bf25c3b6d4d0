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
 * n8n's processed-data store (the `processed_data` table behind `checkProcessedAndRecord`), kept
 * in memory: one row per workflow and scope, holding the last `maxEntries` values in `entries`
 * mode, as n8n's DeduplicationHelper keeps them. The harness has no database, and n8n-core only
 * reaches the store through this interface. Like n8n's, it reads the row, awaits, then writes it
 * back: two checks of one value in between both find it new, and two first inserts of one row
 * collide (the second fails, as the table's primary key makes it fail).
 */
class InMemoryProcessedData implements IDataDeduplicator {
	private readonly rows = new Map<string, string[]>();

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

	/** The database round trip between n8n's read and its write. */
	private static async roundTrip(): Promise<void> {
		await new Promise((resolve) => setImmediate(resolve));
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
		await InMemoryProcessedData.roundTrip();
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
		await InMemoryProcessedData.roundTrip();
		const removed = new Set(items.map(String));
		this.rows.set(
			key,
			row.filter((value) => !removed.has(value)),
		);
	}

	/** How many values a workflow's node-scoped row holds. */
	size(workflowId: string, nodeId: string): number {
		return this.rows.get(`${workflowId}|n:${nodeId}`)?.length ?? 0;
	}

	// The package only checks, records and removes; the rest would be untested code.
	clearAllProcessedItems = InMemoryProcessedData.unused;
	getProcessedDataCount = InMemoryProcessedData.unused;

	private static async unused(): Promise<never> {
		throw new Error('The package only checks, records and removes processed data');
	}
}

const store = new InMemoryProcessedData();

/** How many ids the store holds for a workflow's node (the size of its `processed_data` row). */
export const processedDataSize = (workflowId: string, nodeId: string) =>
	store.size(workflowId, nodeId);

let initialized: Promise<void> | undefined;

/** Gives n8n-core its processed-data store, once per test file (n8n-core allows one). */
export async function useProcessedDataStore(): Promise<void> {
	initialized ??= DataDeduplicationService.init(store);
	await initialized;
}
