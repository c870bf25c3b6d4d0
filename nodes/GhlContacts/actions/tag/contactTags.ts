import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { locationIdFor } from '../../helpers/location';
import { contactIdLocator } from '../common.descriptions';
import { readListField } from '../listField';
import type { ConnectionOf, ItemResult, Operation } from '../operation';
import { tagsToChange } from './tagsField';

const CHANGES = {
	add: { operationId: 'add-tags', label: 'Add Tags', changed: 'tagsAdded' },
	remove: { operationId: 'remove-tags', label: 'Remove Tags', changed: 'tagsRemoved' },
} as const;

/** GHL documents no cap on a bulk request; 100 contacts keeps each one small and quick. */
export const BULK_CONTACTS_PER_REQUEST = 100;

const combineField: INodeProperties = {
	displayName: 'Combine Items Into Bulk Requests',
	name: 'combineIntoBulk',
	type: 'boolean',
	default: false,
	description:
		"Whether to send the items' contacts in bulk requests (items with the same tags together, up to 100 contacts per request) instead of one request per item. Far fewer requests for many items; each item still gets its own result or error.",
};

interface Pending {
	itemIndex: number;
	contactId: string;
}

/** One contact's entry in a bulk answer. */
interface BulkOutcome {
	contactId?: string;
	type?: string;
	message?: string;
	oldTags?: string[];
	tagsAdded?: string[];
	tagsRemoved?: string[];
}

/** Adds tags to, or removes them from, one contact; the item lists the contact's tags after. */
export function contactTagsOperation(change: keyof typeof CHANGES): Operation {
	const { operationId, label, changed } = CHANGES[change];

	/** The single-contact output, rebuilt from the bulk answer's tags before and the change. */
	function bulkItem(contactId: string, tags: string[], outcome: BulkOutcome): IDataObject {
		const done = (change === 'add' ? outcome.tagsAdded : outcome.tagsRemoved) ?? [];
		const before = outcome.oldTags;
		const after =
			before &&
			(change === 'add' ? [...before, ...done] : before.filter((tag) => !done.includes(tag)));
		return { success: true, contactId, [changed]: tags, ...(after ? { tags: after } : {}) };
	}

	async function sendBulk(
		this: IExecuteFunctions,
		connection: GhlConnection,
		tags: string[],
		pending: Pending[],
		results: Array<ItemResult | Error>,
	) {
		const contacts = [...new Set(pending.map((entry) => entry.contactId))];
		let outcomes: BulkOutcome[];
		try {
			const response = (await ghlApiRequest.call(this, connection, {
				operationId: 'create-association',
				label: `${label} (bulk)`,
				pathParams: { type: change },
				body: { contacts, tags, locationId: locationIdFor.call(this, connection, 0) },
				itemIndex: pending[0].itemIndex,
			})) as IDataObject;
			outcomes = Array.isArray(response.responses) ? (response.responses as BulkOutcome[]) : [];
		} catch (error) {
			for (const { itemIndex } of pending) results[itemIndex] = error as Error;
			return;
		}
		const byContact = new Map(outcomes.map((outcome) => [outcome.contactId, outcome]));
		for (const { itemIndex, contactId } of pending) {
			const outcome = byContact.get(contactId);
			if (outcome?.type === 'success') {
				results[itemIndex] = bulkItem(contactId, tags, outcome);
				continue;
			}
			const reason = outcome ? (outcome.message ?? 'failed') : 'GHL did not report on this contact';
			results[itemIndex] = new NodeOperationError(
				this.getNode(),
				`${label} failed for contact ${contactId}: ${reason}`,
				{ itemIndex },
			);
		}
	}

	return {
		description: showOnlyFor('tag', change, [contactIdLocator, tagsToChange, combineField]),
		async execute(this: IExecuteFunctions, itemIndex: number, connection: GhlConnection) {
			const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
			const tags = readListField.call(this, 'tags', 'Tags', itemIndex);
			const response = (await ghlApiRequest.call(this, connection, {
				operationId,
				label,
				pathParams: { contactId },
				body: { tags },
				itemIndex,
			})) as IDataObject;
			return { success: true, contactId, [changed]: tags, tags: response.tags };
		},
		/** Items asking for the same tags share bulk requests; each contact's answer goes back to its item. */
		async executeAll(this: IExecuteFunctions, connectionOf: ConnectionOf) {
			if (!(this.getNodeParameter('combineIntoBulk', 0, false) as boolean)) return undefined;
			const results: Array<ItemResult | Error> = [];
			// By sub-account too: a bulk request acts for one location.
			const groups = new Map<
				string,
				{ connection: GhlConnection; tags: string[]; pending: Pending[] }
			>();
			for (const itemIndex of this.getInputData().keys()) {
				try {
					const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
					const tags = readListField.call(this, 'tags', 'Tags', itemIndex);
					const connection = await connectionOf(itemIndex);
					const key = JSON.stringify([connection.budgetKey, tags]);
					const group = groups.get(key) ?? { connection, tags, pending: [] };
					group.pending.push({ itemIndex, contactId });
					groups.set(key, group);
				} catch (error) {
					results[itemIndex] = error as Error;
				}
			}
			for (const { connection, tags, pending } of groups.values()) {
				for (let start = 0; start < pending.length; ) {
					// A chunk ends where its distinct contacts would pass the cap.
					const contacts = new Set<string>();
					let end = start;
					while (end < pending.length) {
						contacts.add(pending[end].contactId);
						if (contacts.size > BULK_CONTACTS_PER_REQUEST) break;
						end++;
					}
					await sendBulk.call(this, connection, tags, pending.slice(start, end), results);
					start = end;
				}
			}
			return results;
		},
	};
}
