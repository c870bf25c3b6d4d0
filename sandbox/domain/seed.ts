import {
	MAIN_LOCATION_ID,
	OTHER_LOCATION_ID,
	OWNER_USER_ID,
	THIRD_LOCATION_ID,
} from '../identities';
import type { Rng } from './random';
import type {
	ContactRecord,
	CustomFieldDefinition,
	CustomFieldEntry,
	CustomFieldType,
	DndChannel,
	UserRecord,
} from './records';
import { DND_CHANNELS } from './records';
import * as vocabulary from './seedData';
import type { World } from './world';

const DAY = 24 * 60 * 60 * 1000;
const YEAR = 365 * DAY;

interface FieldTemplate {
	name: string;
	key: string;
	dataType: CustomFieldType;
	options?: string[];
}

const CONTACT_FIELDS: FieldTemplate[] = [
	{ name: 'Favourite colour', key: 'favourite_colour', dataType: 'TEXT' },
	{ name: 'Background', key: 'background', dataType: 'LARGE_TEXT' },
	{ name: 'Employees', key: 'employees', dataType: 'NUMERICAL' },
	{ name: 'Budget', key: 'budget', dataType: 'MONETORY' },
	{
		name: 'Interests',
		key: 'interests',
		dataType: 'CHECKBOX',
		options: ['SEO', 'Ads', 'Email', 'Social'],
	},
	{
		name: 'Lead quality',
		key: 'lead_quality',
		dataType: 'SINGLE_OPTIONS',
		options: ['Hot', 'Warm', 'Cold'],
	},
	{
		name: 'Products',
		key: 'products',
		dataType: 'MULTIPLE_OPTIONS',
		options: ['Basic', 'Pro', 'Enterprise'],
	},
	{
		name: 'Preferred contact',
		key: 'preferred_contact',
		dataType: 'RADIO',
		options: ['Phone', 'Email', 'SMS'],
	},
	{ name: 'Renewal date', key: 'renewal_date', dataType: 'DATE' },
	{ name: 'Assistant phone', key: 'assistant_phone', dataType: 'PHONE' },
	{ name: 'Contract', key: 'contract', dataType: 'FILE_UPLOAD' },
];

interface LocationPlan {
	locationId: string;
	contacts: number;
	users: number;
	richness: number;
}

/** Fills `world` with a deterministic world drawn from its PRNG, anchored at `now`. */
export function seedWorld(world: World, mainContacts: number, now: number): void {
	world.locations.set(MAIN_LOCATION_ID, { id: MAIN_LOCATION_ID, allowDuplicates: false });
	world.locations.set(OTHER_LOCATION_ID, { id: OTHER_LOCATION_ID, allowDuplicates: true });
	// The agency's third sub-account starts empty.
	world.locations.set(THIRD_LOCATION_ID, { id: THIRD_LOCATION_ID, allowDuplicates: true });
	const plans: LocationPlan[] = [
		{ locationId: MAIN_LOCATION_ID, contacts: mainContacts, users: 6, richness: 1 },
		{ locationId: OTHER_LOCATION_ID, contacts: 20, users: 2, richness: 0.5 },
	];
	for (const plan of plans) new LocationSeeder(world, plan, now).run();
}

class LocationSeeder {
	private readonly rng: Rng;
	private users: UserRecord[] = [];
	private fields: CustomFieldDefinition[] = [];
	private tags: string[] = [];
	private businessIds: string[] = [];

	constructor(
		private readonly world: World,
		private readonly plan: LocationPlan,
		private readonly now: number,
	) {
		this.rng = world.rng;
	}

	run(): void {
		this.seedUsers();
		this.seedCatalog();
		let previousDateAdded: number | undefined;
		for (let i = 0; i < this.plan.contacts; i++) {
			// Every 20th contact shares its predecessor's millisecond, as bulk imports do.
			const dateAdded =
				i % 20 === 19 && previousDateAdded !== undefined
					? previousDateAdded
					: this.now - this.rng.int(DAY / 24, YEAR);
			previousDateAdded = dateAdded;
			const contact = this.contact(i, dateAdded);
			this.world.saveContact(contact, true);
			this.seedChildren(contact);
		}
	}

	private seedUsers(): void {
		const { locationId, users } = this.plan;
		vocabulary.USER_NAMES.slice(0, users).forEach(([firstName, lastName], i) => {
			const user: UserRecord = {
				id: i === 0 && locationId === MAIN_LOCATION_ID ? OWNER_USER_ID : this.rng.id(),
				locationId,
				firstName,
				lastName,
				email: `${firstName}.${lastName}@sandbox-agency.test`.toLowerCase(),
				phone: `+1555010${String(this.world.users.length).padStart(4, '0')}`,
				role: i === 0 ? 'admin' : 'user',
			};
			this.users.push(user);
			this.world.users.push(user);
		});
	}

	private seedCatalog(): void {
		const { locationId } = this.plan;
		const { world, rng } = this;
		const templates = locationId === MAIN_LOCATION_ID ? CONTACT_FIELDS : CONTACT_FIELDS.slice(0, 3);
		this.fields = templates.map((t, position) => ({
			id: rng.id(),
			locationId,
			name: t.name,
			fieldKey: `contact.${t.key}`,
			dataType: t.dataType,
			placeholder: t.name,
			position,
			picklistOptions: t.options ?? [],
			model: 'contact',
		}));
		world.customFields.push(...this.fields, {
			id: rng.id(),
			locationId,
			name: 'Deal source',
			fieldKey: 'opportunity.deal_source',
			dataType: 'TEXT',
			placeholder: '',
			position: 0,
			picklistOptions: [],
			model: 'opportunity',
		});
		this.tags = vocabulary.LOCATION_TAGS.slice(
			0,
			Math.round(vocabulary.LOCATION_TAGS.length * this.plan.richness),
		);
		world.locationTags.push(...this.tags.map((name) => ({ id: rng.id(), locationId, name })));
		const scale = this.plan.richness;
		vocabulary.WORKFLOW_NAMES.slice(0, Math.ceil(6 * scale)).forEach((name, i) => {
			const createdAt = this.now - rng.int(30 * DAY, YEAR);
			world.workflows.push({
				id: rng.id(),
				locationId,
				name,
				status: i % 4 === 3 ? 'draft' : 'published',
				version: rng.int(1, 9),
				createdAt,
				updatedAt: createdAt + rng.int(0, 30 * DAY),
			});
		});
		vocabulary.CAMPAIGN_NAMES.slice(0, Math.ceil(4 * scale)).forEach((name, i) => {
			world.campaigns.push({
				id: rng.id(),
				locationId,
				name,
				status: i === 3 ? 'draft' : 'published',
			});
		});
		vocabulary.BUSINESS_NAMES.slice(0, Math.ceil(8 * scale)).forEach((name) => {
			const place = rng.pick(vocabulary.CITIES);
			const createdAt = this.now - rng.int(60 * DAY, YEAR);
			const id = rng.id();
			this.businessIds.push(id);
			world.businesses.push({
				id,
				locationId,
				name,
				phone: `+1${place.areaCode}555${String(rng.int(1000, 9999))}`,
				email: `hello@${name.toLowerCase().replace(/\W+/g, '')}.test`,
				website: `https://${name.toLowerCase().replace(/\W+/g, '')}.test`,
				address: `${rng.int(10, 999)} ${rng.pick(vocabulary.STREETS)}`,
				city: place.city,
				state: place.state,
				postalCode: place.postalCode,
				country: 'US',
				description: `${name}, a seeded sandbox business.`,
				createdBy: this.users[0].id,
				createdAt,
				updatedAt: createdAt,
			});
		});
	}

	private contact(index: number, dateAdded: number): ContactRecord {
		const { rng } = this;
		const firstName = rng.pick(vocabulary.FIRST_NAMES);
		const lastName = rng.pick(vocabulary.LAST_NAMES);
		const place = rng.pick(vocabulary.CITIES);
		const businessId = rng.chance(0.15) ? rng.pick(this.businessIds) : undefined;
		const business = businessId
			? this.world.businesses.find((b) => b.id === businessId)
			: undefined;
		const companyName =
			business?.name ??
			(rng.chance(0.5)
				? `${rng.pick(vocabulary.COMPANY_WORDS)} ${rng.pick(vocabulary.COMPANY_SUFFIXES)}`
				: undefined);
		const handle = `${firstName}.${lastName}`
			.toLowerCase()
			.normalize('NFD')
			.replace(/[^a-z.]/g, '');
		// The index in email and phone keeps them unique: the main location does not allow duplicates.
		const email = rng.chance(0.95)
			? `${handle}${index}@${rng.pick(vocabulary.EMAIL_DOMAINS)}`
			: undefined;
		const phone = rng.chance(0.9)
			? `+1${place.areaCode}${String(index).padStart(7, '0')}`
			: undefined;
		const dateUpdated = rng.chance(0.5) ? dateAdded : rng.int(dateAdded, this.now);
		const dnd = rng.chance(0.05);
		const dndSettings: Partial<Record<DndChannel, { status: 'active' | 'inactive' }>> = {};
		for (const channel of rng.some(DND_CHANNELS, 2))
			dndSettings[channel] = { status: rng.chance(0.5) ? 'active' : 'inactive' };
		const birth = rng.chance(0.3)
			? new Date(Date.UTC(rng.int(1950, 2004), rng.int(0, 11), rng.int(1, 28)))
			: undefined;
		return {
			id: rng.id(),
			locationId: this.plan.locationId,
			firstName,
			lastName,
			email,
			phone,
			companyName,
			address1: `${rng.int(1, 9999)} ${rng.pick(vocabulary.STREETS)}`,
			city: place.city,
			state: place.state,
			postalCode: place.postalCode,
			country: 'US',
			timezone: place.timezone,
			website:
				companyName && rng.chance(0.5) ? `https://${handle.replace('.', '')}.test` : undefined,
			source: rng.pick(vocabulary.SOURCES),
			type: rng.chance(0.3) ? 'customer' : 'lead',
			assignedTo: rng.chance(0.7) ? rng.pick(this.users).id : undefined,
			dnd,
			dndSettings,
			tags: rng.some(this.tags, 3),
			customFields: rng.chance(0.5) ? this.customValues() : [],
			followers: rng.some(this.users, 2).map((u) => u.id),
			businessId,
			dateOfBirth: birth?.toISOString(),
			attributionSource: rng.chance(0.4)
				? {
						url: 'https://sandbox-landing.test/offer',
						medium: 'form',
						utmSource: rng.pick(vocabulary.SOURCES),
					}
				: undefined,
			campaigns: [],
			workflows: [],
			dateAdded,
			dateUpdated,
		};
	}

	private customValues(): CustomFieldEntry[] {
		const { rng } = this;
		return rng
			.some(this.fields, 3)
			.flatMap((field): CustomFieldEntry[] => {
				switch (field.dataType) {
					case 'NUMERICAL':
						return [{ id: field.id, value: rng.int(1, 500) }];
					case 'MONETORY':
						return [{ id: field.id, value: rng.int(100, 50000) }];
					case 'CHECKBOX':
					case 'MULTIPLE_OPTIONS':
						return [{ id: field.id, value: rng.some(field.picklistOptions, 2) }];
					case 'SINGLE_OPTIONS':
					case 'RADIO':
						return [{ id: field.id, value: rng.pick(field.picklistOptions) }];
					case 'DATE':
						return [
							{
								id: field.id,
								value: new Date(this.now + rng.int(-YEAR, YEAR)).toISOString().slice(0, 10),
							},
						];
					case 'PHONE':
						return [{ id: field.id, value: `+1555${String(rng.int(1000000, 9999999))}` }];
					case 'FILE_UPLOAD':
						return [];
					default:
						return [{ id: field.id, value: rng.pick(vocabulary.NOTE_BODIES) }];
				}
			})
			.filter((entry) => !Array.isArray(entry.value) || entry.value.length > 0);
	}

	private seedChildren(contact: ContactRecord): void {
		const { world, rng } = this;
		const { id: contactId, locationId } = contact;
		if (rng.chance(0.4 * this.plan.richness)) {
			for (let n = rng.int(1, 2); n > 0; n--) {
				// Due dates from three weeks ago to three weeks ahead: some overdue, some due soon.
				const dateAdded = rng.int(contact.dateAdded, this.now);
				world.tasks.put({
					id: rng.id(),
					contactId,
					locationId,
					title: rng.pick(vocabulary.TASK_TITLES),
					body: rng.chance(0.6) ? rng.pick(vocabulary.NOTE_BODIES) : undefined,
					assignedTo: rng.chance(0.8) ? rng.pick(this.users).id : undefined,
					dueDate: this.now + rng.int(-21 * DAY, 21 * DAY),
					completed: rng.chance(0.3),
					dateAdded,
					dateUpdated: dateAdded,
				});
			}
		}
		if (rng.chance(0.3 * this.plan.richness)) {
			for (let n = rng.int(1, 2); n > 0; n--) {
				const dateAdded = rng.int(contact.dateAdded, this.now);
				world.notes.put({
					id: rng.id(),
					contactId,
					locationId,
					body: rng.pick(vocabulary.NOTE_BODIES),
					userId: rng.pick(this.users).id,
					title: rng.chance(0.3) ? 'Call summary' : undefined,
					color: rng.chance(0.2) ? '#FFD966' : undefined,
					pinned: rng.chance(0.1),
					dateAdded,
					dateUpdated: dateAdded,
				});
			}
		}
		if (rng.chance(0.1)) {
			const startTime = Math.floor((this.now + rng.int(-30 * DAY, 30 * DAY)) / 1800000) * 1800000;
			const assignedUserId = rng.pick(this.users).id;
			world.appointments.put({
				id: rng.id(),
				contactId,
				locationId,
				calendarId: `cal${locationId.slice(3, 20)}`,
				title: `${rng.pick(vocabulary.CALENDAR_TITLES)} with ${contact.firstName}`,
				status: 'booked',
				appointmentStatus: startTime < this.now ? 'showed' : 'confirmed',
				assignedUserId,
				notes: '',
				address: 'Zoom',
				groupId: `grp${locationId.slice(3, 20)}`,
				startTime,
				endTime: startTime + 1800000,
				dateAdded: startTime - 7 * DAY,
				dateUpdated: startTime - 7 * DAY,
			});
		}
	}
}
