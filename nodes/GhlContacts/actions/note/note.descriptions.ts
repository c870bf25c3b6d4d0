import type { INodeProperties } from 'n8n-workflow';

import { userLocator } from '../../helpers/userField';

export const noteIdField: INodeProperties = {
	displayName: 'Note ID',
	name: 'noteId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. HGPcayliwcdoUFzvbTok',
	description: 'The note, which must belong to the contact',
};

export const noteBodyField: INodeProperties = {
	displayName: 'Body',
	name: 'body',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	description: 'The text of the note',
};

/** The note fields that are optional on create and on update. */
export const optionalNoteFields: INodeProperties[] = [
	{
		displayName: 'Color',
		name: 'color',
		type: 'color',
		default: '',
		description: 'Highlight colour as a hex code, e.g. #FFAA00',
	},
	{
		displayName: 'Pinned',
		name: 'pinned',
		type: 'boolean',
		default: false,
		description: 'Whether the note stays at the top of the contact',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
	},
	userLocator('userId', 'User', 'The user the note is attributed to'),
];
