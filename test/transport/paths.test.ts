import { buildPath, PathParameterError } from '../../nodes/shared/transport/paths';

describe('buildPath', () => {
	it('fills and encodes each segment', () => {
		expect(buildPath('/contacts/{contactId}/notes/{id}', { contactId: 'abc', id: 'n 1' })).toBe(
			'/contacts/abc/notes/n%201',
		);
	});

	it.each(['a/b', 'a?x=1', 'a#b', '..', 'a\\b', '../contacts'])('rejects %j', (value) => {
		expect(() => buildPath('/contacts/{contactId}', { contactId: value })).toThrow(
			PathParameterError,
		);
	});

	it('rejects an empty value, naming the parameter', () => {
		expect(() => buildPath('/contacts/{contactId}', { contactId: ' ' })).toThrow(/contactId/);
		expect(() => buildPath('/contacts/{contactId}', {})).toThrow(/contactId is empty/);
	});
});
