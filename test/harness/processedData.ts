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
 * reaches the store through this interface. n8n reads the row, then writes it back: two checks of
 * the same value within the same few milliseconds may both find it new there, so no test relies on
 * this store being atomic.
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

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		InMemoryProcessedData.entriesOnly(options);
		const key = this.key(scope, contextData);
		const row = this.rows.get(key) ?? [];
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
		this.rows.set(key, row);
		return output;
	}

	// The package only checks and records; the rest of the interface would be untested code.
	removeProcessed = InMemoryProcessedData.unused;
	clearAllProcessedItems = InMemoryProcessedData.unused;
	getProcessedDataCount = InMemoryProcessedData.unused;

	private static async unused(): Promise<never> {
		throw new Error('The package only uses checkProcessedAndRecord of the processed-data store');
	}
}

let initialized: Promise<void> | undefined;

/** Gives n8n-core its processed-data store, once per test file (n8n-core allows one). */
export async function useProcessedDataStore(): Promise<void> {
	initialized ??= DataDeduplicationService.init(new InMemoryProcessedData());
	await initialized;
}
