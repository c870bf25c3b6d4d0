/** Vocabulary the seed draws from. */

export const FIRST_NAMES = [
	'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
	'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Carlos', 'Karen',
	'Daniel', 'Lisa', 'Matthew', 'Nancy', 'Anthony', 'Betty', 'Mark', 'Sandra', 'Priya', 'Ashley',
	'Steven', 'Kimberly', 'Andrew', 'Emily', 'Kenji', 'Donna', 'Joshua', 'Michelle', 'Kevin', 'Carol',
	'Brian', 'Amanda', 'Omar', 'Melissa', 'Timothy', 'Deborah', 'Ronald', 'Stephanie', 'Jason', 'Aisha',
	'José', 'Zoë', 'Mei', 'Lars', 'Fatima', 'Noah', 'Olivia', 'Liam', 'Emma', 'Ava',
];

export const LAST_NAMES = [
	'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
	'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
	'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
	'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
	'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
	"O'Brien", 'Müller', 'Tanaka', 'Patel', 'Kowalski', 'Svensson', 'Haddad', 'Okafor', 'Dubois', 'Rossi',
];

export const COMPANY_WORDS = [
	'Acme', 'Summit', 'Blue Harbor', 'Northwind', 'Pinecrest', 'Redwood', 'Silverline', 'Brightpath',
	'Ironclad', 'Golden Gate', 'Evergreen', 'Lakeside', 'Keystone', 'Riverbend', 'Starlight', 'Cedar Point',
];
export const COMPANY_SUFFIXES = ['LLC', 'Inc.', 'Group', 'Dental', 'Realty', 'Fitness', 'Roofing', 'Consulting', 'Law', 'Media'];

export const EMAIL_DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'example.com', 'hey.com'];

export const CITIES: ReadonlyArray<{ city: string; state: string; postalCode: string; timezone: string; areaCode: string }> = [
	{ city: 'Austin', state: 'TX', postalCode: '78701', timezone: 'America/Chicago', areaCode: '512' },
	{ city: 'Denver', state: 'CO', postalCode: '80202', timezone: 'America/Denver', areaCode: '303' },
	{ city: 'Miami', state: 'FL', postalCode: '33101', timezone: 'America/New_York', areaCode: '305' },
	{ city: 'Seattle', state: 'WA', postalCode: '98101', timezone: 'America/Los_Angeles', areaCode: '206' },
	{ city: 'Chicago', state: 'IL', postalCode: '60601', timezone: 'America/Chicago', areaCode: '312' },
	{ city: 'Boston', state: 'MA', postalCode: '02108', timezone: 'America/New_York', areaCode: '617' },
	{ city: 'Phoenix', state: 'AZ', postalCode: '85001', timezone: 'America/Phoenix', areaCode: '602' },
	{ city: 'Nashville', state: 'TN', postalCode: '37201', timezone: 'America/Chicago', areaCode: '615' },
	{ city: 'San Diego', state: 'CA', postalCode: '92101', timezone: 'America/Los_Angeles', areaCode: '619' },
	{ city: 'Atlanta', state: 'GA', postalCode: '30301', timezone: 'America/New_York', areaCode: '404' },
];

export const STREETS = ['Main St', 'Oak Ave', 'Maple Dr', 'Cedar Ln', 'Park Blvd', 'Elm St', 'Lake Rd', 'Hillcrest Way'];

export const SOURCES = ['website form', 'facebook ads', 'google ads', 'referral', 'import', 'walk-in', 'webinar', 'api'];

export const LOCATION_TAGS = [
	'lead', 'customer', 'vip', 'newsletter', 'webinar 2026', 'trial', 'churn risk', 'partner',
	'referral', 'facebook lead', 'google ads', 'wholesale', 'event attendee', 'hot', 'cold',
];

export const USER_NAMES: ReadonlyArray<[string, string]> = [
	['Olivia', 'Owner'], ['Sam', 'Sales'], ['Mia', 'Marketing'], ['Sven', 'Support'], ['Ana', 'Accounts'], ['Raj', 'Reception'],
];

export const TASK_TITLES = [
	'Call back about pricing', 'Send proposal', 'Follow up on demo', 'Confirm appointment', 'Collect signed contract',
	'Check in after onboarding', 'Send invoice reminder', 'Schedule site visit', 'Ask for a review', 'Renewal conversation',
];

export const NOTE_BODIES = [
	'Prefers email over phone calls.', 'Interested in the annual plan; budget approved for Q3.',
	'Met at the spring expo. Wants a follow-up in two weeks.', 'Asked about integrations with their booking tool.',
	'Left a voicemail, no answer yet.', 'Referred by an existing customer.',
];

export const WORKFLOW_NAMES = ['New lead nurture', 'Appointment reminders', 'Post-sale onboarding', 'Win-back', 'Review request', 'Birthday greetings'];
export const CAMPAIGN_NAMES = ['Spring promo', 'Webinar invite', 'Re-engagement drip', 'Holiday offer'];
export const BUSINESS_NAMES = ['Acme Dental', 'Summit Roofing', 'Blue Harbor Realty', 'Northwind Fitness', 'Pinecrest Law', 'Redwood Media', 'Keystone Consulting', 'Lakeside Clinic'];
export const CALENDAR_TITLES = ['Discovery call', 'Consultation', 'Demo', 'Follow-up meeting'];
