import type { IDataObject } from 'n8n-workflow';

import { MAIN_LOCATION_ID, OTHER_LOCATION_ID } from '../../sandbox/identities';
import { sandboxKeys } from '../../sandbox/webhooks/keys';
import { WebhookSession } from '../harness/runWebhook';
import { createContact } from '../trigger/support';
import { agencyCredential, clearLog, requestLog, useSandbox } from '../support/ghl';
import { delivery, signatureTriggerSettings, signed } from './support';

/**
 * A Marketplace app's webhooks bring the events of every sub-account it is installed in to one
 * URL: the trigger runs them all (or those of the sub-accounts chosen) and, on an agency
 * connection, reads each event's contact in the event's own sub-account.
 */
const sandbox = useSandbox({ contacts: 5 });
const keys = sandboxKeys();

async function agencyTrigger(events: string[], options: IDataObject = {}, fetchContact = false) {
	return await WebhookSession.create({
		...signatureTriggerSettings(keys, events, options, {
			fetchContact,
			authentication: 'oAuth2',
		}),
		credentials: [await agencyCredential(sandbox(), `agency-webhook-${events.join('-')}`)],
	});
}

describe('GHL Webhook Trigger for an agency', () => {
	it('reads the contact of each event in the event’s sub-account, through one agency credential', async () => {
		const trigger = await agencyTrigger(['ContactCreate'], {}, true);
		const inMain = await createContact(sandbox(), {
			firstName: 'Main',
			locationId: MAIN_LOCATION_ID,
		});
		const inOther = await createContact(sandbox(), {
			firstName: 'Other',
			locationId: OTHER_LOCATION_ID,
		});
		await clearLog(sandbox());

		const items = [];
		for (const contact of [inMain, inOther]) {
			const event = delivery('ContactCreate', 0, {
				id: contact.id,
				locationId: contact.locationId,
			});
			const outcome = await trigger.deliver(signed(event, keys));
			expect(outcome.status).toBe(200);
			items.push(...(outcome.items ?? []));
		}

		expect(
			items.map((item) => [item.locationId, (item.contact as IDataObject).id, item.contactError]),
		).toEqual([
			[MAIN_LOCATION_ID, inMain.id, undefined],
			[OTHER_LOCATION_ID, inOther.id, undefined],
		]);
		const reads = (await requestLog(sandbox())).filter(
			(entry) => entry.operationId === 'get-contact',
		);
		expect(reads.map((entry) => [entry.path, entry.tokenLocationId, entry.status])).toEqual([
			[`/contacts/${String(inMain.id)}`, MAIN_LOCATION_ID, 200],
			[`/contacts/${String(inOther.id)}`, OTHER_LOCATION_ID, 200],
		]);
	});

	it('runs only the events of the sub-accounts listed under Only These Sub-Accounts', async () => {
		const trigger = await agencyTrigger(['ContactCreate'], {
			subAccounts: ` ${MAIN_LOCATION_ID} ,x`,
		});
		const kept = await trigger.deliver(
			signed(delivery('ContactCreate', 0, { locationId: MAIN_LOCATION_ID }), keys),
		);
		const dropped = await trigger.deliver(
			signed(delivery('ContactCreate', 0, { locationId: OTHER_LOCATION_ID }), keys),
		);
		expect(kept.items?.map((item) => item.locationId)).toEqual([MAIN_LOCATION_ID]);
		expect([dropped.status, dropped.items]).toEqual([200, null]);
	});

	it('runs an app INSTALL event (which carries no timestamp or webhookId) once, however often GHL resends it', async () => {
		// Fetch Full Contact on: an app event names no contact, so nothing is read for it.
		const trigger = await agencyTrigger(['INSTALL', 'UNINSTALL'], {}, true);
		await clearLog(sandbox());
		const install = {
			type: 'INSTALL',
			appId: 'sbxapp',
			companyId: 'cmpSbx0000000000000A',
			locationId: OTHER_LOCATION_ID,
			userId: 'usrSbxOwner00000000A',
		};
		const request = signed(install, keys);
		const first = await trigger.deliver(request);
		const resend = await trigger.deliver(request);
		const uninstall = await trigger.deliver(
			signed({ type: 'UNINSTALL', appId: 'sbxapp', locationId: OTHER_LOCATION_ID }, keys),
		);

		expect(first.items).toEqual([
			expect.objectContaining({
				event: 'INSTALL',
				locationId: OTHER_LOCATION_ID,
				app: {
					appId: 'sbxapp',
					companyId: 'cmpSbx0000000000000A',
					locationId: OTHER_LOCATION_ID,
					userId: 'usrSbxOwner00000000A',
				},
			}),
		]);
		expect(first.items?.[0].contactError).toBeUndefined();
		expect([resend.status, resend.items]).toEqual([200, null]);
		expect(uninstall.items?.map((item) => [item.event, item.contactError])).toEqual([
			['UNINSTALL', undefined],
		]);
		expect(await requestLog(sandbox())).toEqual([]);
		// An unsigned install event is refused like any other.
		const forged = await trigger.deliver({ body: JSON.stringify({ ...install, userId: 'x' }) });
		expect([forged.status, forged.items]).toEqual([401, null]);
	});
});
