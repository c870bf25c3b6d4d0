import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { GhlConnection } from '../../../shared/transport';
import {
	customFieldNamer,
	customFieldsOutputOption,
	type CustomFieldNaming,
} from '../../helpers/customFields';
import { simplifyContact } from '../../../shared/simplify';

/** Output options of the operations that return contacts. */
export const contactOutputOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [customFieldsOutputOption],
};

/**
 * How each returned contact is output: simplified or whole, with its custom fields named when
 * the user asked for it (then `customFields` is kept even in the simplified form).
 */
export async function contactShaper(
	this: IExecuteFunctions,
	connection: GhlConnection,
	locationId: string,
	itemIndex: number,
): Promise<(contact: IDataObject) => IDataObject> {
	const simple = this.getNodeParameter('simple', itemIndex, true) as boolean;
	const { customFieldsOutput = 'list' } = this.getNodeParameter('options', itemIndex, {}) as {
		customFieldsOutput?: CustomFieldNaming;
	};
	const name = await customFieldNamer.call(
		this,
		connection,
		customFieldsOutput,
		locationId,
		itemIndex,
	);
	return (contact) => {
		const shaped = simple ? simplifyContact(contact) : { ...contact };
		if (name) shaped.customFields = name(contact.customFields);
		return shaped;
	};
}
