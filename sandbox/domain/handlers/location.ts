import { iso } from '../dates';
import { unprocessable } from '../errors';
import { searchContacts } from '../search';
import { checkLocation, intQuery, ok, queryValue } from './common';
import type { HandlerFactory } from './common';

/** Location-level reads: the contact search and what the node's pickers list. */
export const locationHandlers: HandlerFactory = (world) => ({
	'search-contacts-advanced': (req) => ok(searchContacts(world, req.grant.locationId, req.body)),

	'get-custom-fields': (req) => {
		const model = queryValue(req, 'model') ?? 'all';
		if (!['contact', 'opportunity', 'all'].includes(model)) {
			throw unprocessable('model must be one of contact, opportunity, all');
		}
		const fields = world.customFields.filter(
			(f) => f.locationId === req.grant.locationId && (model === 'all' || f.model === model),
		);
		return ok({
			customFields: fields.map((f) => ({
				id: f.id,
				name: f.name,
				fieldKey: f.fieldKey,
				placeholder: f.placeholder,
				dataType: f.dataType,
				position: f.position,
				picklistOptions: f.picklistOptions,
				picklistImageOptions: [],
				isAllowedCustomOption: false,
				isMultiFileAllowed: f.dataType === 'FILE_UPLOAD',
				maxFileLimit: f.dataType === 'FILE_UPLOAD' ? 5 : 0,
				locationId: f.locationId,
				model: f.model,
			})),
		});
	},

	'get-location-tags': (req) =>
		ok({
			tags: world.locationTags
				.filter((t) => t.locationId === req.grant.locationId)
				.map((t) => ({ id: t.id, name: t.name, locationId: t.locationId })),
		}),

	'get-user-by-location': (req) => {
		checkLocation(req, queryValue(req, 'locationId'));
		const users = world.users.filter((u) => u.locationId === req.grant.locationId);
		return ok({
			users: users.map((u) => ({
				id: u.id,
				name: `${u.firstName} ${u.lastName}`,
				firstName: u.firstName,
				lastName: u.lastName,
				email: u.email,
				phone: u.phone,
				roles: {
					type: 'account',
					role: u.role,
					locationIds: [u.locationId],
					restrictSubAccount: false,
				},
				deleted: false,
			})),
		});
	},

	'get-workflow': (req) => {
		checkLocation(req, queryValue(req, 'locationId'));
		const workflows = world.workflows.filter((w) => w.locationId === req.grant.locationId);
		return ok({
			workflows: workflows.map((w) => ({
				id: w.id,
				name: w.name,
				status: w.status,
				version: w.version,
				createdAt: iso(w.createdAt),
				updatedAt: iso(w.updatedAt),
				locationId: w.locationId,
			})),
		});
	},

	'get-campaigns': (req) => {
		checkLocation(req, queryValue(req, 'locationId'));
		const status = queryValue(req, 'status');
		const campaigns = world.campaigns.filter(
			(c) => c.locationId === req.grant.locationId && (!status || c.status === status),
		);
		return ok({
			campaigns: campaigns.map((c) => ({
				id: c.id,
				name: c.name,
				status: c.status,
				locationId: c.locationId,
			})),
		});
	},

	'get-businesses-by-location': (req) => {
		checkLocation(req, queryValue(req, 'locationId'));
		const limit = intQuery(req, 'limit', 100, 1);
		const skip = intQuery(req, 'skip', 0, 0);
		const businesses = world.businesses.filter((b) => b.locationId === req.grant.locationId);
		return ok({
			businesses: businesses.slice(skip, skip + limit).map((b) => ({
				id: b.id,
				name: b.name,
				phone: b.phone,
				email: b.email,
				website: b.website,
				address: b.address,
				city: b.city,
				state: b.state,
				postalCode: b.postalCode,
				country: b.country,
				description: b.description,
				locationId: b.locationId,
				createdBy: { source: 'WEB_USER', sourceId: b.createdBy },
				updatedBy: { source: 'WEB_USER', sourceId: b.createdBy },
				createdAt: iso(b.createdAt),
				updatedAt: iso(b.updatedAt),
			})),
		});
	},
});
