import type { INodeProperties } from 'n8n-workflow';

import { listField } from '../listField';

/**
 * Every tag field of the node: tags picked from the location's list, where a tag typed into the
 * search that the location does not have yet is offered too, or typed "By Name" (several may be
 * separated by commas). Tags are sent by name; GHL creates a tag the location does not have.
 */
export function tagsField(description: string, name = 'tags'): INodeProperties {
	return listField({
		name,
		displayName: 'Tags',
		itemName: 'Tag',
		searchMethod: 'searchTags',
		typedMode: { name: 'name', displayName: 'By Name', placeholder: 'e.g. vip, newsletter' },
		description,
	});
}

/** The tags the Tag operations add or remove. */
export const tagsToChange = tagsField(
	"Tags picked from the location's tags or typed; several typed tags may be separated by commas",
);
