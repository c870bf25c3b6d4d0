import type { Clock } from '../types';
import { badRequest, forbidden, notFound } from './errors';
import { Rng } from './random';
import type {
	AppointmentRecord,
	BusinessRecord,
	CampaignRecord,
	ContactRecord,
	CustomFieldDefinition,
	LocationSettings,
	LocationTagRecord,
	NoteRecord,
	TaskRecord,
	UserRecord,
	WorkflowRecord,
} from './records';
import { SearchIndex } from './searchIndex';

/** Contacts grouped by a lookup key (location + lower-cased email, or location + E.164 phone). */
class ContactLookup {
	private readonly ids = new Map<string, Set<string>>();

	add(key: string | undefined, id: string): void {
		if (!key) return;
		let set = this.ids.get(key);
		if (!set) this.ids.set(key, (set = new Set()));
		set.add(id);
	}

	delete(key: string | undefined, id: string): void {
		if (!key) return;
		const set = this.ids.get(key);
		set?.delete(id);
		if (set?.size === 0) this.ids.delete(key);
	}

	get(key: string): Iterable<string> {
		return this.ids.get(key) ?? [];
	}
}

function emailKey(locationId: string, email: string | undefined): string | undefined {
	return email ? `${locationId}|${email.toLowerCase()}` : undefined;
}

function phoneKey(locationId: string, phone: string | undefined): string | undefined {
	return phone ? `${locationId}|${phone}` : undefined;
}

/** One stored record's change: no `before` is a creation, no `after` a deletion. */
interface Change<K extends string, T> {
	kind: K;
	before?: T;
	after?: T;
}

/** What the world reports after every change made through it (seeding excluded). */
export type WorldChange =
	| Change<'contact', ContactRecord>
	| Change<'task', TaskRecord>
	| Change<'note', NoteRecord>
	| Change<'appointment', AppointmentRecord>;

/** Children of a contact (tasks, notes, appointments), kept per contact. */
class ChildStore<T extends { id: string; contactId: string }> {
	readonly byContact = new Map<string, Map<string, T>>();

	constructor(private readonly changed: (before?: T, after?: T) => void) {}

	put(item: T): void {
		let items = this.byContact.get(item.contactId);
		if (!items) this.byContact.set(item.contactId, (items = new Map()));
		const before = items.get(item.id);
		items.set(item.id, item);
		this.changed(before, item);
	}

	list(contactId: string): T[] {
		return [...(this.byContact.get(contactId)?.values() ?? [])];
	}

	get(contactId: string, id: string): T | undefined {
		return this.byContact.get(contactId)?.get(id);
	}

	delete(contactId: string, id: string): void {
		const before = this.get(contactId, id);
		this.byContact.get(contactId)?.delete(id);
		if (before) this.changed(before, undefined);
	}

	/** A deleted contact takes its children with it; GHL reports only the contact's deletion. */
	deleteContact(contactId: string): void {
		this.byContact.delete(contactId);
	}

	*all(): IterableIterator<T> {
		for (const items of this.byContact.values()) yield* items.values();
	}

	count(): number {
		let n = 0;
		for (const items of this.byContact.values()) n += items.size;
		return n;
	}
}

/** The in-memory GHL: every location's data, with the lookups the handlers need. */
export class World {
	readonly contacts = new Map<string, ContactRecord>();
	/** Ids of deleted contacts, so bulk operations can say "contact is deleted". */
	readonly deletedContactIds = new Set<string>();
	readonly tasks = new ChildStore<TaskRecord>((before, after) =>
		this.emit({ kind: 'task', before, after }),
	);
	readonly notes = new ChildStore<NoteRecord>((before, after) =>
		this.emit({ kind: 'note', before, after }),
	);
	readonly appointments = new ChildStore<AppointmentRecord>((before, after) =>
		this.emit({ kind: 'appointment', before, after }),
	);
	readonly locations = new Map<string, LocationSettings>();
	readonly users: UserRecord[] = [];
	readonly workflows: WorkflowRecord[] = [];
	readonly campaigns: CampaignRecord[] = [];
	readonly businesses: BusinessRecord[] = [];
	readonly customFields: CustomFieldDefinition[] = [];
	readonly locationTags: LocationTagRecord[] = [];
	readonly index: SearchIndex;
	private readonly byEmail = new ContactLookup();
	private readonly byPhone = new ContactLookup();
	private listener?: (change: WorldChange) => void;

	constructor(
		readonly clock: Clock,
		readonly rng: Rng,
		indexLagMs: number,
	) {
		this.index = new SearchIndex(clock, indexLagMs);
	}

	/** Reports every later change to `listener` (set after seeding, so the seed reports nothing). */
	watch(listener: (change: WorldChange) => void): void {
		this.listener = listener;
	}

	private emit(change: WorldChange): void {
		this.listener?.(change);
	}

	newId(): string {
		return this.rng.id();
	}

	/**
	 * Stores a new version of a contact and schedules it for the search index. Seeded contacts are
	 * indexed at once and use only known location tags.
	 */
	saveContact(next: ContactRecord, seeded = false): void {
		const before = this.contacts.get(next.id);
		this.unlink(before);
		this.contacts.set(next.id, next);
		this.byEmail.add(emailKey(next.locationId, next.email), next.id);
		this.byPhone.add(phoneKey(next.locationId, next.phone), next.id);
		if (seeded) {
			this.index.load(next);
			return;
		}
		this.index.put(next);
		this.registerTags(next.locationId, next.tags);
		this.emit({ kind: 'contact', before, after: next });
	}

	/** Saves `current` with `changes`, stamped as changed now. */
	reviseContact(current: ContactRecord, changes: Partial<ContactRecord>): ContactRecord {
		const next = { ...current, ...changes, dateUpdated: this.clock.now() };
		this.saveContact(next);
		return next;
	}

	deleteContact(id: string): void {
		const contact = this.contacts.get(id);
		if (!contact) return;
		this.unlink(contact);
		this.contacts.delete(id);
		this.deletedContactIds.add(id);
		this.tasks.deleteContact(id);
		this.notes.deleteContact(id);
		this.appointments.deleteContact(id);
		this.index.remove(id);
		this.emit({ kind: 'contact', before: contact });
	}

	/** The oldest contact of the location with this email (case-insensitive). */
	findByEmail(locationId: string, email: string, exceptId?: string): ContactRecord | undefined {
		return this.oldest(this.byEmail.get(emailKey(locationId, email) ?? ''), exceptId);
	}

	/** The oldest contact of the location with this (E.164) phone. */
	findByPhone(locationId: string, phone: string, exceptId?: string): ContactRecord | undefined {
		return this.oldest(this.byPhone.get(phoneKey(locationId, phone) ?? ''), exceptId);
	}

	/** A contact the token's location may touch: 400 when unknown, 403 when it lives elsewhere. */
	contactFor(locationId: string, contactId: string): ContactRecord {
		const contact = this.contacts.get(contactId);
		if (!contact) throw notFound('Contact', contactId);
		if (contact.locationId !== locationId) throw forbidden();
		return contact;
	}

	taskFor(locationId: string, contactId: string, taskId: string): TaskRecord {
		this.contactFor(locationId, contactId);
		const task = this.tasks.get(contactId, taskId);
		if (!task) throw notFound('Task', taskId);
		return task;
	}

	noteFor(locationId: string, contactId: string, noteId: string): NoteRecord {
		this.contactFor(locationId, contactId);
		const note = this.notes.get(contactId, noteId);
		if (!note) throw notFound('Note', noteId);
		return note;
	}

	settingsOf(locationId: string): LocationSettings {
		const settings = this.locations.get(locationId);
		if (!settings) throw badRequest(`Location with id ${locationId} not found`);
		return settings;
	}

	/** Tags used on a contact become location tags, as in GHL. */
	private registerTags(locationId: string, tags: readonly string[]): void {
		for (const name of tags) {
			if (!this.locationTags.some((t) => t.locationId === locationId && t.name === name)) {
				this.locationTags.push({ id: this.newId(), locationId, name });
			}
		}
	}

	private oldest(ids: Iterable<string>, exceptId?: string): ContactRecord | undefined {
		let best: ContactRecord | undefined;
		for (const id of ids) {
			const contact = this.contacts.get(id);
			if (!contact || id === exceptId) continue;
			if (!best || contact.dateAdded < best.dateAdded) best = contact;
		}
		return best;
	}

	private unlink(contact: ContactRecord | undefined): void {
		if (!contact) return;
		this.byEmail.delete(emailKey(contact.locationId, contact.email), contact.id);
		this.byPhone.delete(phoneKey(contact.locationId, contact.phone), contact.id);
	}
}
