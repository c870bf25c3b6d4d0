/** GHL's webhook events this node handles, by family: what the payload describes. */
export const EVENT_FAMILIES = {
	ContactCreate: 'contact',
	ContactUpdate: 'contact',
	ContactDelete: 'contact',
	ContactTagUpdate: 'contact',
	ContactDndUpdate: 'contact',
	TaskCreate: 'task',
	TaskComplete: 'task',
	TaskDelete: 'task',
	NoteCreate: 'note',
	NoteUpdate: 'note',
	NoteDelete: 'note',
	AppointmentCreate: 'appointment',
	AppointmentUpdate: 'appointment',
	AppointmentDelete: 'appointment',
	/** A GHL workflow's Webhook action: the user's payload, with no `type`. */
	WorkflowWebhook: 'workflow',
	/** The Marketplace app was installed in, or removed from, a sub-account or an agency. */
	INSTALL: 'app',
	UNINSTALL: 'app',
} as const;

export type GhlEvent = keyof typeof EVENT_FAMILIES;
export type EventFamily = (typeof EVENT_FAMILIES)[GhlEvent];

export function isGhlEvent(value: unknown): value is GhlEvent {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EVENT_FAMILIES, value);
}

/** Words for the event picker: `ContactTagUpdate` → `Contact Tag Update`. */
export function eventDisplayName(event: GhlEvent): string {
	if (EVENT_FAMILIES[event] === 'app') return event === 'INSTALL' ? 'App Install' : 'App Uninstall';
	return event.replace(/([a-z])([A-Z])/g, '$1 $2');
}
