/**
 * Every GHL endpoint the nodes call, keyed by the official spec's operationId, with the method,
 * path template and scope the spec declares (`sandbox/spec/*.json`; a test holds this table to
 * the spec). The two bulk routes declare no scope in the spec; they write contacts, so they are
 * held to `contacts.write`.
 */
export const ENDPOINTS = {
	'search-contacts-advanced': {
		method: 'POST',
		path: '/contacts/search',
		scope: 'contacts.readonly',
		bodyRequired: true,
	},
	'get-duplicate-contact': {
		method: 'GET',
		path: '/contacts/search/duplicate',
		scope: 'contacts.readonly',
	},
	'get-all-tasks': {
		method: 'GET',
		path: '/contacts/{contactId}/tasks',
		scope: 'contacts.readonly',
	},
	'create-task': {
		method: 'POST',
		path: '/contacts/{contactId}/tasks',
		scope: 'contacts.write',
		bodyRequired: true,
	},
	'get-task': {
		method: 'GET',
		path: '/contacts/{contactId}/tasks/{taskId}',
		scope: 'contacts.readonly',
	},
	'update-task': {
		method: 'PUT',
		path: '/contacts/{contactId}/tasks/{taskId}',
		scope: 'contacts.write',
		bodyRequired: true,
	},
	'delete-task': {
		method: 'DELETE',
		path: '/contacts/{contactId}/tasks/{taskId}',
		scope: 'contacts.write',
	},
	'update-task-completed': {
		method: 'PUT',
		path: '/contacts/{contactId}/tasks/{taskId}/completed',
		scope: 'contacts.write',
		bodyRequired: true,
	},
	'get-appointments-for-contact': {
		method: 'GET',
		path: '/contacts/{contactId}/appointments',
		scope: 'contacts.readonly',
	},
	'add-tags': {
		method: 'POST',
		path: '/contacts/{contactId}/tags',
		scope: 'contacts.write',
		bodyRequired: true,
	},
	'remove-tags': {
		method: 'DELETE',
		path: '/contacts/{contactId}/tags',
		scope: 'contacts.write',
		bodyRequired: true,
	},
	'get-all-notes': {
		method: 'GET',
		path: '/contacts/{contactId}/notes',
		scope: 'contacts.readonly',
	},
	'create-note': {
		method: 'POST',
		path: '/contacts/{contactId}/notes',
		scope: 'contacts.write',
		bodyRequired: true,
	},
	'get-note': {
		method: 'GET',
		path: '/contacts/{contactId}/notes/{id}',
		scope: 'contacts.readonly',
	},
	'update-note': {
		method: 'PUT',
		path: '/contacts/{contactId}/notes/{id}',
		scope: 'contacts.write',
		bodyRequired: true,
	},
	'delete-note': {
		method: 'DELETE',
		path: '/contacts/{contactId}/notes/{id}',
		scope: 'contacts.write',
	},
	'create-association': {
		method: 'POST',
		path: '/contacts/bulk/tags/update/{type}',
		scope: 'contacts.write',
		bodyRequired: true,
	},
	'add-remove-contact-from-business': {
		method: 'POST',
		path: '/contacts/bulk/business',
		scope: 'contacts.write',
		bodyRequired: true,
	},
	'get-contact': { method: 'GET', path: '/contacts/{contactId}', scope: 'contacts.readonly' },
	'update-contact': {
		method: 'PUT',
		path: '/contacts/{contactId}',
		scope: 'contacts.write',
		bodyRequired: true,
	},
	'delete-contact': { method: 'DELETE', path: '/contacts/{contactId}', scope: 'contacts.write' },
	'upsert-contact': {
		method: 'POST',
		path: '/contacts/upsert',
		scope: 'contacts.write',
		bodyRequired: true,
	},
	'get-contacts-by-businessId': {
		method: 'GET',
		path: '/contacts/business/{businessId}',
		scope: 'contacts.readonly',
	},
	'add-followers-contact': {
		method: 'POST',
		path: '/contacts/{contactId}/followers',
		scope: 'contacts.write',
		bodyRequired: true,
	},
	'remove-followers-contact': {
		method: 'DELETE',
		path: '/contacts/{contactId}/followers',
		scope: 'contacts.write',
		bodyRequired: true,
	},
	'add-contact-to-campaign': {
		method: 'POST',
		path: '/contacts/{contactId}/campaigns/{campaignId}',
		scope: 'contacts.write',
		bodyRequired: true,
	},
	'remove-contact-from-campaign': {
		method: 'DELETE',
		path: '/contacts/{contactId}/campaigns/{campaignId}',
		scope: 'contacts.write',
	},
	'remove-contact-from-every-campaign': {
		method: 'DELETE',
		path: '/contacts/{contactId}/campaigns/removeAll',
		scope: 'contacts.write',
	},
	'add-contact-to-workflow': {
		method: 'POST',
		path: '/contacts/{contactId}/workflow/{workflowId}',
		scope: 'contacts.write',
		bodyRequired: true,
	},
	'delete-contact-from-workflow': {
		method: 'DELETE',
		path: '/contacts/{contactId}/workflow/{workflowId}',
		scope: 'contacts.write',
		bodyRequired: true,
	},
	'create-contact': {
		method: 'POST',
		path: '/contacts/',
		scope: 'contacts.write',
		bodyRequired: true,
	},
	'get-contacts': { method: 'GET', path: '/contacts/', scope: 'contacts.readonly' },
	// What pickers and the trigger call, outside the Contacts API.
	'get-custom-fields': {
		method: 'GET',
		path: '/locations/{locationId}/customFields',
		scope: 'locations/customFields.readonly',
	},
	'get-location-tags': {
		method: 'GET',
		path: '/locations/{locationId}/tags',
		scope: 'locations/tags.readonly',
	},
	'task-search': {
		method: 'POST',
		path: '/locations/{locationId}/tasks/search',
		scope: 'locations/tasks.readonly',
		bodyRequired: true,
	},
	'get-user-by-location': { method: 'GET', path: '/users/', scope: 'users.readonly' },
	'get-workflow': { method: 'GET', path: '/workflows/', scope: 'workflows.readonly' },
	'get-campaigns': { method: 'GET', path: '/campaigns/', scope: 'campaigns.readonly' },
	'get-businesses-by-location': {
		method: 'GET',
		path: '/businesses/',
		scope: 'businesses.readonly',
	},
	// Agency connections only: a company token lists its sub-accounts and obtains their tokens.
	'get-installed-location': {
		method: 'GET',
		path: '/oauth/installedLocations',
		scope: 'oauth.readonly',
	},
	'get-location-access-token': {
		method: 'POST',
		path: '/oauth/locationToken',
		scope: 'oauth.write',
		bodyRequired: true,
		form: true,
	},
} as const satisfies Record<string, Endpoint>;

export interface Endpoint {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	path: string;
	scope: string;
	/** The spec marks the request body required: one with no fields is sent as `{}`. */
	bodyRequired?: true;
	/** The spec declares the body form-encoded, not JSON. */
	form?: true;
}

export type OperationId = keyof typeof ENDPOINTS;
