import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idLocator } from '../actions/common.descriptions';
import { requireId } from './ids';

/** An optional reference to a user of the location: picked from the list or typed as an ID. */
export function userLocator(
	name: string,
	displayName: string,
	description: string,
): INodeProperties {
	return {
		...idLocator({
			name,
			displayName,
			searchMethod: 'searchUsers',
			placeholder: 'e.g. sx6wyHhbFdRXh302Lunr',
			description,
		}),
		required: false,
	};
}

/** The user ID at `path` (e.g. `additionalFields.assignedTo`), or undefined when left empty. */
export function readUserId(
	this: IExecuteFunctions,
	path: string,
	label: string,
	itemIndex: number,
): string | undefined {
	const value = this.getNodeParameter(path, itemIndex, '', { extractValue: true }) as unknown;
	if (String(value ?? '').trim() === '') return undefined;
	return requireId.call(this, path, label, itemIndex);
}
