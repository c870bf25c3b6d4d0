/**
 * What the domain stores. Dates are epoch milliseconds; views render them as ISO strings.
 * Contact records are immutable: every change stores a new object, which lets the search index
 * keep pointing at the version it has "indexed" while reads by id see the newest one.
 */

export const DND_CHANNELS = ['Call', 'Email', 'SMS', 'WhatsApp', 'GMB', 'FB'] as const;
export type DndChannel = (typeof DND_CHANNELS)[number];
export interface DndSetting {
	status: 'active' | 'inactive' | 'permanent';
	message?: string;
	code?: string;
}

export type CustomFieldValue = string | number | string[] | Record<string, unknown>;
export interface CustomFieldEntry {
	id: string;
	value: CustomFieldValue;
}

export interface AttributionSource {
	url: string;
	campaign?: string;
	utmSource?: string;
	utmMedium?: string;
	medium?: string;
	referrer?: string;
}

export interface ContactRecord {
	readonly id: string;
	readonly locationId: string;
	readonly firstName?: string;
	readonly lastName?: string;
	readonly email?: string;
	readonly phone?: string;
	readonly companyName?: string;
	readonly address1?: string;
	readonly city?: string;
	readonly state?: string;
	readonly country?: string;
	readonly postalCode?: string;
	readonly website?: string;
	readonly timezone?: string;
	readonly source?: string;
	readonly gender?: string;
	readonly type: string;
	readonly assignedTo?: string;
	readonly dnd: boolean;
	readonly dndSettings: Readonly<Partial<Record<DndChannel, DndSetting>>>;
	readonly inboundDndSettings?: { all?: { status: 'active' | 'inactive'; message?: string } };
	readonly tags: readonly string[];
	readonly customFields: readonly CustomFieldEntry[];
	readonly followers: readonly string[];
	readonly businessId?: string;
	/** ISO date-time at midnight UTC. */
	readonly dateOfBirth?: string;
	readonly attributionSource?: AttributionSource;
	readonly campaigns: readonly string[];
	readonly workflows: readonly string[];
	readonly dateAdded: number;
	readonly dateUpdated: number;
}

export interface TaskRecord {
	id: string;
	contactId: string;
	locationId: string;
	title: string;
	body?: string;
	assignedTo?: string;
	dueDate: number;
	completed: boolean;
	dateAdded: number;
	dateUpdated: number;
}

export interface NoteRecord {
	id: string;
	contactId: string;
	locationId: string;
	body: string;
	userId?: string;
	title?: string;
	color?: string;
	pinned: boolean;
	dateAdded: number;
	dateUpdated: number;
}

export interface AppointmentRecord {
	id: string;
	contactId: string;
	locationId: string;
	calendarId: string;
	title: string;
	status: string;
	appointmentStatus: string;
	assignedUserId: string;
	notes: string;
	address: string;
	groupId: string;
	startTime: number;
	endTime: number;
	dateAdded: number;
	dateUpdated: number;
}

export interface UserRecord {
	id: string;
	locationId: string;
	firstName: string;
	lastName: string;
	email: string;
	phone: string;
	role: 'admin' | 'user';
}

export interface WorkflowRecord {
	id: string;
	locationId: string;
	name: string;
	status: 'published' | 'draft';
	version: number;
	createdAt: number;
	updatedAt: number;
}

export interface CampaignRecord {
	id: string;
	locationId: string;
	name: string;
	status: 'published' | 'draft';
}

export interface BusinessRecord {
	id: string;
	locationId: string;
	name: string;
	phone: string;
	email: string;
	website: string;
	address: string;
	city: string;
	state: string;
	postalCode: string;
	country: string;
	description: string;
	createdBy: string;
	createdAt: number;
	updatedAt: number;
}

export const CUSTOM_FIELD_TYPES = [
	'TEXT',
	'LARGE_TEXT',
	'NUMERICAL',
	'PHONE',
	'MONETORY',
	'CHECKBOX',
	'SINGLE_OPTIONS',
	'MULTIPLE_OPTIONS',
	'RADIO',
	'DATE',
	'FILE_UPLOAD',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export interface CustomFieldDefinition {
	id: string;
	locationId: string;
	name: string;
	/** `contact.<key>`, as GHL names it. */
	fieldKey: string;
	dataType: CustomFieldType;
	placeholder: string;
	position: number;
	picklistOptions: string[];
	model: 'contact' | 'opportunity';
}

export interface LocationTagRecord {
	id: string;
	locationId: string;
	name: string;
}

export interface LocationSettings {
	id: string;
	/** GHL's "Allow Duplicate Contact" setting. */
	allowDuplicates: boolean;
}
