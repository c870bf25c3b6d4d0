import { requireStringArray } from '../contactInput';
import { toEpochMs } from '../dates';
import { notFound, unprocessable } from '../errors';
import type { World } from '../world';
import { bodyOf, checkLocation, created, ok, SUCCEEDED } from './common';
import type { HandlerFactory } from './common';

function requireCampaign(world: World, locationId: string, campaignId: string): void {
	if (!world.campaigns.some((c) => c.id === campaignId && c.locationId === locationId)) {
		throw notFound('Campaign', campaignId);
	}
}

function requireWorkflow(world: World, locationId: string, workflowId: string): void {
	if (!world.workflows.some((w) => w.id === workflowId && w.locationId === locationId)) {
		throw notFound('Workflow', workflowId);
	}
}

function checkEventStartTime(body: Record<string, unknown>): void {
	const { eventStartTime } = body;
	if (
		eventStartTime !== undefined &&
		(typeof eventStartTime !== 'string' || toEpochMs(eventStartTime) === undefined)
	) {
		throw unprocessable('eventStartTime must be a valid ISO 8601 date string');
	}
}

function without(list: readonly string[], id: string): string[] {
	return list.filter((item) => item !== id);
}

/** Followers, campaign and workflow enrolment, and business membership. */
export const membershipHandlers: HandlerFactory = (world) => {
	return {
		'add-followers-contact': (req) => {
			const contact = world.contactFor(req.grant.locationId, req.params.contactId);
			const followersAdded = [
				...new Set(requireStringArray(bodyOf(req).followers, 'followers')),
			].filter((id) => !contact.followers.includes(id));
			const followers = [...contact.followers, ...followersAdded];
			if (followersAdded.length > 0) world.reviseContact(contact, { followers });
			return created({ followers, followersAdded });
		},

		'remove-followers-contact': (req) => {
			const contact = world.contactFor(req.grant.locationId, req.params.contactId);
			const removing = requireStringArray(bodyOf(req).followers, 'followers');
			const followersRemoved = contact.followers.filter((id) => removing.includes(id));
			const followers = contact.followers.filter((id) => !removing.includes(id));
			if (followersRemoved.length > 0) world.reviseContact(contact, { followers });
			return ok({ followers, followersRemoved });
		},

		'add-contact-to-campaign': (req) => {
			const { contactId, campaignId } = req.params;
			const contact = world.contactFor(req.grant.locationId, contactId);
			requireCampaign(world, req.grant.locationId, campaignId);
			if (!contact.campaigns.includes(campaignId))
				world.reviseContact(contact, { campaigns: [...contact.campaigns, campaignId] });
			return created(SUCCEEDED);
		},

		'remove-contact-from-campaign': (req) => {
			const { contactId, campaignId } = req.params;
			const contact = world.contactFor(req.grant.locationId, contactId);
			requireCampaign(world, req.grant.locationId, campaignId);
			if (contact.campaigns.includes(campaignId))
				world.reviseContact(contact, { campaigns: without(contact.campaigns, campaignId) });
			return ok(SUCCEEDED);
		},

		'remove-contact-from-every-campaign': (req) => {
			const contact = world.contactFor(req.grant.locationId, req.params.contactId);
			if (contact.campaigns.length > 0) world.reviseContact(contact, { campaigns: [] });
			return ok(SUCCEEDED);
		},

		'add-contact-to-workflow': (req) => {
			const { contactId, workflowId } = req.params;
			const contact = world.contactFor(req.grant.locationId, contactId);
			requireWorkflow(world, req.grant.locationId, workflowId);
			checkEventStartTime(bodyOf(req));
			if (!contact.workflows.includes(workflowId))
				world.reviseContact(contact, { workflows: [...contact.workflows, workflowId] });
			return ok(SUCCEEDED);
		},

		'delete-contact-from-workflow': (req) => {
			const { contactId, workflowId } = req.params;
			const contact = world.contactFor(req.grant.locationId, contactId);
			requireWorkflow(world, req.grant.locationId, workflowId);
			checkEventStartTime(bodyOf(req));
			if (contact.workflows.includes(workflowId))
				world.reviseContact(contact, { workflows: without(contact.workflows, workflowId) });
			return ok(SUCCEEDED);
		},

		/** `businessId: null` removes the contacts from their business; unknown contacts are skipped. */
		'add-remove-contact-from-business': (req) => {
			const body = bodyOf(req);
			if (body.locationId === undefined) throw unprocessable('locationId should not be empty');
			checkLocation(req, body.locationId);
			const ids = requireStringArray(body.ids, 'ids');
			const { businessId } = body;
			if (businessId !== null && typeof businessId !== 'string') {
				throw unprocessable('businessId must be a string or null');
			}
			if (
				businessId !== null &&
				!world.businesses.some((b) => b.id === businessId && b.locationId === req.grant.locationId)
			) {
				throw notFound('Business', businessId);
			}
			const updated: string[] = [];
			for (const id of ids) {
				const contact = world.contacts.get(id);
				if (!contact || contact.locationId !== req.grant.locationId) continue;
				world.reviseContact(contact, { businessId: businessId ?? undefined });
				updated.push(id);
			}
			return ok({ success: true, ids: updated });
		},
	};
};
