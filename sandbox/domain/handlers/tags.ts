import type { SandboxRequest } from '../../types';
import { normalizeTags, requireStringArray } from '../contactInput';
import { unprocessable } from '../errors';
import { GHL_ID_PATTERN } from '../random';
import type { ContactRecord } from '../records';
import type { World } from '../world';
import { bodyOf, checkLocation, created, ok } from './common';
import type { HandlerFactory } from './common';

function tagsOf(req: SandboxRequest): string[] {
	return normalizeTags(requireStringArray(bodyOf(req).tags, 'tags'));
}

interface BulkOutcome {
	contactId: string;
	message: string;
	type: 'success' | 'error';
	oldTags?: string[];
	tagsAdded?: string[];
	tagsRemoved?: string[];
}

/** Why a contact of a bulk request cannot be changed; undefined when it can. */
function bulkProblem(world: World, locationId: string, contactId: string): string | undefined {
	if (!GHL_ID_PATTERN.test(contactId)) return 'contact id is not a valid firebase id';
	if (world.deletedContactIds.has(contactId)) return 'contact is deleted';
	const contact = world.contacts.get(contactId);
	if (!contact) return 'contact not found';
	if (contact.locationId !== locationId) return 'contact does not belong to location';
	return undefined;
}

function bulkUpdate(
	world: World,
	contact: ContactRecord,
	mode: 'add' | 'remove',
	tags: string[],
	removeAll: boolean,
): BulkOutcome {
	const oldTags = [...contact.tags];
	if (mode === 'add') {
		const tagsAdded = tags.filter((t) => !oldTags.includes(t));
		world.reviseContact(contact, { tags: [...oldTags, ...tagsAdded] });
		return {
			contactId: contact.id,
			message: 'Tags added successfully',
			type: 'success',
			oldTags,
			tagsAdded,
		};
	}
	const tagsRemoved = removeAll ? oldTags : oldTags.filter((t) => tags.includes(t));
	world.reviseContact(contact, { tags: oldTags.filter((t) => !tagsRemoved.includes(t)) });
	return {
		contactId: contact.id,
		message: 'Tags removed successfully',
		type: 'success',
		oldTags,
		tagsRemoved,
	};
}

export const tagHandlers: HandlerFactory = (world) => ({
	'add-tags': (req) => {
		const contact = world.contactFor(req.grant.locationId, req.params.contactId);
		const added = tagsOf(req).filter((t) => !contact.tags.includes(t));
		const next =
			added.length > 0
				? world.reviseContact(contact, { tags: [...contact.tags, ...added] })
				: contact;
		return created({ tags: [...next.tags] });
	},

	'remove-tags': (req) => {
		const contact = world.contactFor(req.grant.locationId, req.params.contactId);
		const removing = tagsOf(req);
		const kept = contact.tags.filter((t) => !removing.includes(t));
		const next =
			kept.length !== contact.tags.length ? world.reviseContact(contact, { tags: kept }) : contact;
		return ok({ tags: [...next.tags] });
	},

	/** `POST /contacts/bulk/tags/update/{type}`: per-contact failures are reported inside a 201. */
	'create-association': (req) => {
		const mode = req.params.type;
		if (mode !== 'add' && mode !== 'remove') throw unprocessable('type must be one of add, remove');
		const body = bodyOf(req);
		if (body.locationId === undefined) throw unprocessable('locationId should not be empty');
		checkLocation(req, body.locationId);
		const contactIds = requireStringArray(body.contacts, 'contacts');
		const tags = normalizeTags(requireStringArray(body.tags, 'tags'));
		const removeAll = mode === 'remove' && body.removeAllTags === true;
		const responses = contactIds.map((contactId): BulkOutcome => {
			const problem = bulkProblem(world, req.grant.locationId, contactId);
			if (problem) return { contactId, message: problem, type: 'error' };
			return bulkUpdate(
				world,
				world.contacts.get(contactId) as ContactRecord,
				mode,
				tags,
				removeAll,
			);
		});
		const errorCount = responses.filter((r) => r.type === 'error').length;
		return created({ succeded: errorCount === 0, errorCount, responses });
	},
});
