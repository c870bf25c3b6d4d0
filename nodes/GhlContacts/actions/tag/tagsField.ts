import { listField } from '../listField';

/** Tags are sent by name; a tag the location does not have yet is created by GHL. */
export const tagsField = listField({
	name: 'tags',
	displayName: 'Tags',
	itemName: 'Tag',
	searchMethod: 'searchTags',
	typedMode: { name: 'name', displayName: 'By Name', placeholder: 'e.g. vip, newsletter' },
	description:
		"Tags picked from the location's tags or typed; several typed tags may be separated by commas",
});
