import type { SandboxRequest } from '../../types';
import { applyContactInput, blankContact, normalizePhone } from '../contactInput';
import { badRequest } from '../errors';
import type { ContactRecord } from '../records';
import { contactView, createdContactView, fullName } from '../views';
import type { World } from '../world';
import { bodyOf, checkLocation, created, ok, queryValue, SUCCEEDED } from './common';
import type { HandlerFactory } from './common';

interface Duplicate {
	contact: ContactRecord;
	matchingField: 'email' | 'phone';
}

/** GHL's duplicate rule: email first, then phone. */
function findDuplicate(
	world: World,
	locationId: string,
	email: string | undefined,
	phone: string | undefined,
	exceptId?: string,
): Duplicate | undefined {
	const byEmail = email ? world.findByEmail(locationId, email, exceptId) : undefined;
	if (byEmail) return { contact: byEmail, matchingField: 'email' };
	const byPhone = phone ? world.findByPhone(locationId, phone, exceptId) : undefined;
	return byPhone && { contact: byPhone, matchingField: 'phone' };
}

/** In a location without duplicates, a contact may not take another's email or phone. */
function rejectDuplicate(world: World, contact: ContactRecord): void {
	if (world.settingsOf(contact.locationId).allowDuplicates) return;
	const duplicate = findDuplicate(
		world,
		contact.locationId,
		contact.email,
		contact.phone,
		contact.id,
	);
	if (!duplicate) return;
	throw badRequest('This location does not allow duplicated contacts.', {
		meta: {
			contactId: duplicate.contact.id,
			contactName: fullName(duplicate.contact) ?? '',
			matchingField: duplicate.matchingField,
		},
	});
}

function createContact(
	world: World,
	req: SandboxRequest,
	input: Record<string, unknown>,
): ContactRecord {
	const blank = blankContact(world, req.grant.locationId, world.clock.now());
	const contact = applyContactInput(world, blank, input);
	rejectDuplicate(world, contact);
	world.saveContact(contact);
	return contact;
}

function updateContact(
	world: World,
	current: ContactRecord,
	input: Record<string, unknown>,
): ContactRecord {
	const next = applyContactInput(world, current, input);
	rejectDuplicate(world, next);
	return world.reviseContact(current, next);
}

export const contactHandlers: HandlerFactory = (world) => ({
	'create-contact': (req) => {
		const input = bodyOf(req);
		checkLocation(req, input.locationId);
		return created({ contact: createdContactView(createContact(world, req, input)) });
	},

	'get-contact': (req) =>
		ok({ contact: contactView(world.contactFor(req.grant.locationId, req.params.contactId)) }),

	'update-contact': (req) => {
		const current = world.contactFor(req.grant.locationId, req.params.contactId);
		const contact = updateContact(world, current, bodyOf(req));
		return ok({ succeded: true, contact: contactView(contact) });
	},

	'delete-contact': (req) => {
		world.contactFor(req.grant.locationId, req.params.contactId);
		world.deleteContact(req.params.contactId);
		return ok(SUCCEEDED);
	},

	'upsert-contact': (req) => {
		const input = bodyOf(req);
		checkLocation(req, input.locationId);
		const { locationId } = req.grant;
		const alwaysCreate =
			input.createNewIfDuplicateAllowed === true && world.settingsOf(locationId).allowDuplicates;
		const email = typeof input.email === 'string' ? input.email.trim() || undefined : undefined;
		const phone = typeof input.phone === 'string' ? normalizePhone(input.phone) : undefined;
		const match = alwaysCreate ? undefined : findDuplicate(world, locationId, email, phone);
		if (!match) {
			return ok({
				new: true,
				contact: contactView(createContact(world, req, input)),
				traceId: world.newId(),
			});
		}
		// The first-priority match wins; a second field that belongs to another contact is ignored.
		const changes = { ...input };
		const other = findDuplicate(world, locationId, email, phone, match.contact.id);
		if (match.matchingField === 'email' && other?.matchingField === 'phone') delete changes.phone;
		const contact = updateContact(world, match.contact, changes);
		return ok({ new: false, contact: contactView(contact), traceId: world.newId() });
	},

	'get-duplicate-contact': (req) => {
		checkLocation(req, queryValue(req, 'locationId'));
		const email = queryValue(req, 'email')?.trim();
		const number = queryValue(req, 'number')?.trim();
		const phone = number ? normalizePhone(number) : undefined;
		const duplicate = findDuplicate(world, req.grant.locationId, email || undefined, phone);
		return ok({ contact: duplicate ? contactView(duplicate.contact) : null });
	},
});
