import { CONTACT_SCOPES, EXTRA_SCOPES } from '../sandbox/identities';
import type { SandboxClient } from './lib/sandboxClient';

/**
 * Credentials the examples and the suite's workflows name by fixed id. The sandbox URL is known
 * only at run time, so the credential data is built then.
 */
export const CREDENTIAL_IDS = {
	pit: 'ghlSandboxPit001',
	readOnly: 'ghlSandboxRoPit1',
	/** The read-only token, with write wrongly ticked under Scopes: the server has the last word. */
	readOnlyClaimingWrite: 'ghlSandboxRoPit2',
} as const;

const ALL_SCOPES = [...CONTACT_SCOPES, ...EXTRA_SCOPES];

export function pitCredentials(client: SandboxClient): object[] {
	const { tokens, mainLocationId } = client.sandbox;
	const pit = (id: string, name: string, token: string, scopes: string[]) => ({
		id,
		name,
		type: 'ghlApi',
		data: { token, locationId: mainLocationId, scopes, baseUrl: client.url },
	});
	return [
		pit(CREDENTIAL_IDS.pit, 'GHL Sandbox (token)', tokens.readWrite, ALL_SCOPES),
		pit(CREDENTIAL_IDS.readOnly, 'GHL Sandbox (read-only token)', tokens.readOnly, [
			'contacts.readonly',
		]),
		pit(
			CREDENTIAL_IDS.readOnlyClaimingWrite,
			'GHL Sandbox (read-only token, write ticked)',
			tokens.readOnly,
			['contacts.readonly', 'contacts.write'],
		),
	];
}

/** The OAuth2 credential as the editor creates it for the sandbox (connected afterwards). */
export function oauthCredentialData(client: SandboxClient): Record<string, unknown> {
	const { clientId, clientSecret } = client.sandbox.oauthClient;
	return {
		environment: 'custom',
		customHost: client.url,
		clientId,
		clientSecret,
		requestedScope: ALL_SCOPES.join(' '),
	};
}

/** The contact the examples look up by email (see examples/README.md). */
export const DEMO_CONTACT_EMAIL = 'ada.lovelace@example.com';

export interface DemoContact {
	id: string;
	taskIds: string[];
	noteIds: string[];
	appointmentIds: string[];
}

/**
 * Makes a seeded contact that has appointments the examples' contact: renames it, and gives it
 * two tasks (one done) and two notes. The control API books no appointments, so the seed's are used.
 */
export async function prepareDemoContact(client: SandboxClient): Promise<DemoContact> {
	const { contacts } = await client.ghl<{ contacts: Array<{ id: string }> }>(
		'POST',
		'/contacts/search',
		{ locationId: client.sandbox.mainLocationId, pageLimit: 100 },
	);
	for (const { id } of contacts) {
		const { events } = await client.ghl<{ events: Array<{ id: string }> }>(
			'GET',
			`/contacts/${id}/appointments`,
		);
		if (events.length === 0) continue;
		await client.control('PATCH', `/contacts/${id}`, {
			firstName: 'Ada',
			lastName: 'Lovelace',
			email: DEMO_CONTACT_EMAIL,
		});
		const day = 24 * 60 * 60 * 1000;
		const now = Date.now();
		const tasks = [
			{ title: 'Send the analytical engine notes', dueDate: now + 2 * day, completed: false },
			{ title: 'Intro call', dueDate: now - day, completed: true },
		];
		const notes = ['Prefers email over phone.', 'Asked about the enterprise plan.'];
		const { tasks: seededTasks } = await client.ghl<{ tasks: Array<{ id: string }> }>(
			'GET',
			`/contacts/${id}/tasks`,
		);
		const { notes: seededNotes } = await client.ghl<{ notes: Array<{ id: string }> }>(
			'GET',
			`/contacts/${id}/notes`,
		);
		const taskIds = seededTasks.map((t) => t.id);
		for (const task of tasks) {
			const created = await client.control<{ task: { id: string } }>(
				'POST',
				`/contacts/${id}/tasks`,
				task,
			);
			taskIds.push(created.task.id);
		}
		const noteIds = seededNotes.map((n) => n.id);
		for (const body of notes) {
			const created = await client.control<{ note: { id: string } }>(
				'POST',
				`/contacts/${id}/notes`,
				{ body },
			);
			noteIds.push(created.note.id);
		}
		return { id, taskIds, noteIds, appointmentIds: events.map((e) => e.id) };
	}
	throw new Error('no seeded contact among the first 100 has an appointment: change the seed');
}
