import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkPathSegment, type GhlConnection } from '../../shared/transport';
import { idText } from './ids';

/** The operations that send a location (the spec requires one), by resource. */
export const LOCATION_OPERATIONS: Record<string, string[]> = {
	business: ['addContacts', 'removeContacts'],
	contact: ['create', 'findDuplicate', 'getAll', 'getAllLegacy', 'getManyByBusiness', 'upsert'],
	tag: ['bulkAdd', 'bulkRemove'],
};

/**
 * Shows a field for those operations only: no other operation of the listed resources has one
 * of the listed names. Paths from the root, so that it works inside a collection too.
 */
const forLocationOperations = (show: IDisplayOptions['show'] = {}): IDisplayOptions => ({
	show: {
		...show,
		'/resource': Object.keys(LOCATION_OPERATIONS),
		'/operation': Object.values(LOCATION_OPERATIONS).flat(),
	},
});

/** Request Options → Location ID. */
export const locationIdOption: INodeProperties = {
	displayName: 'Location ID',
	name: 'locationId',
	type: 'string',
	default: '',
	placeholder: 'e.g. ve9EPM428h8vShlRW1KT',
	description:
		"Sub-account to act on instead of the credential's location (which is used when this is not set)",
	displayOptions: forLocationOperations(),
};

/**
 * Location ID as a top-level field, where nodes saved before it moved into Request Options keep
 * it: shown only while it holds a value, so a new node has no empty field, and an old one still
 * shows (and can clear) the location it sends.
 */
export const legacyLocationIdField: INodeProperties = {
	displayName: 'Location ID',
	name: 'locationId',
	type: 'string',
	default: '',
	description:
		"Sub-account to act on, as saved by an earlier version of the node; Request Options → Location ID takes precedence. Clear it to use the credential's location.",
	displayOptions: forLocationOperations({ '/locationId': [{ _cnd: { exists: true } }] }),
};

/**
 * The location (sub-account) an operation acts on: Request Options → Location ID, else the
 * top-level Location ID a node saved by an earlier version holds, else the credential's.
 */
export function locationIdFor(
	this: IExecuteFunctions,
	connection: GhlConnection,
	itemIndex: number,
): string {
	const override = (name: string) =>
		idText.call(this, this.getNodeParameter(name, itemIndex, ''), 'Location ID', itemIndex);
	const locationId =
		override('requestOptions.locationId') || override('locationId') || connection.locationId;
	if (!locationId) {
		throw new NodeOperationError(this.getNode(), 'No location ID to send with this request', {
			description:
				'Enter the Location ID in the GHL API credential (Private Integration Token), connect the OAuth2 credential to a sub-account, or set Request Options → Location ID on the node.',
			itemIndex,
		});
	}
	try {
		return checkPathSegment('Location ID', locationId);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
	}
}
