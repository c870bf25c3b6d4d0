import {
	advance,
	emptyCursor,
	unseen,
	windowStart,
	type StreamItem,
} from '../../nodes/GhlContactsTrigger/cursor';
import { diffTasks, entryOf, pruneCompleted } from '../../nodes/GhlContactsTrigger/taskSnapshot';

const item = (id: string, at: number): StreamItem => ({ id, at });
const OVERLAP = 1000;
const NOW = 1_000_000;

describe('contact stream cursor', () => {
	it('reads from the beginning, or from a floor, until something was handled', () => {
		expect(windowStart(emptyCursor(), OVERLAP)).toBeUndefined();
		expect(windowStart(emptyCursor(500), OVERLAP)).toBe(500);
	});

	it('moves to the newest handled timestamp and re-reads an overlap window below it', () => {
		const cursor = advance(emptyCursor(), [item('a', 5000), item('b', 7000)], OVERLAP, 100, NOW);
		expect(cursor).toEqual({ at: 7000, seen: { '7000': ['b'] } });
		expect(windowStart(cursor, OVERLAP)).toBe(6000);
	});

	it('drops what it handled, however many share a millisecond, and keeps late arrivals', () => {
		let cursor = advance(emptyCursor(), [item('a', 100), item('b', 100)], OVERLAP, 100, NOW);
		const reread = [item('a', 100), item('b', 100), item('c', 100), item('late', 50)];
		const fresh = unseen(cursor, OVERLAP, reread);
		expect(fresh).toEqual([item('c', 100), item('late', 50)]);
		cursor = advance(cursor, fresh, OVERLAP, 100, NOW);
		expect(unseen(cursor, OVERLAP, reread)).toEqual([]);
		expect(cursor.seen).toEqual({ '100': ['a', 'b', 'c'], '50': ['late'] });
	});

	it('treats a later change of the same contact as new', () => {
		const cursor = advance(emptyCursor(), [item('a', 100)], OVERLAP, 100, NOW);
		expect(unseen(cursor, OVERLAP, [item('a', 100), item('a', 180)])).toEqual([item('a', 180)]);
	});

	it('returns each item once even when a page repeats it', () => {
		expect(unseen(emptyCursor(), OVERLAP, [item('a', 1), item('a', 1)])).toEqual([item('a', 1)]);
	});

	it('forgets timestamps that left the window', () => {
		const cursor = advance(emptyCursor(), [item('old', 100), item('new', 5000)], OVERLAP, 100, NOW);
		expect(cursor.seen).toEqual({ '5000': ['new'] });
		expect(unseen(cursor, OVERLAP, [item('old', 100)])).toEqual([]);
	});

	it('stays bounded: past the cap it drops whole older groups and raises the floor above them', () => {
		const handled = [
			item('a', 700),
			item('b', 800),
			item('c', 800),
			item('d', 900),
			item('e', 900),
		];
		const cursor = advance(emptyCursor(), handled, OVERLAP, 3, NOW);
		expect(cursor).toEqual({ at: 900, seen: { '900': ['d', 'e'] }, floor: 801 });
		expect(windowStart(cursor, OVERLAP)).toBe(801);
		// Nothing dropped from the record can be read, and so emitted, again.
		expect(unseen(cursor, OVERLAP, [item('b', 800), item('f', 850)])).toEqual([item('f', 850)]);
	});

	it('always keeps the group at the cursor, even past the cap', () => {
		const many = Array.from({ length: 10 }, (_, i) => item(`m${i}`, 500));
		expect(advance(emptyCursor(), many, OVERLAP, 3, NOW).seen['500']).toHaveLength(10);
	});

	it('drops a floor the window has passed', () => {
		const cursor = { at: 900, seen: {}, floor: 801 };
		expect(advance(cursor, [item('z', 5000)], OVERLAP, 3, NOW)).toEqual({
			at: 5000,
			seen: { '5000': ['z'] },
		});
	});
});

describe('task snapshot diff', () => {
	const NOW = Date.parse('2026-06-01T12:00:00Z');
	const task = (id: string, fields: Record<string, unknown> = {}) => ({
		id,
		contactId: 'c1',
		title: `Task ${id}`,
		dueDate: '2026-06-02T00:00:00.000Z',
		completed: false,
		...fields,
	});
	const all = (...ids: string[]) => new Set(ids);

	it('records a baseline without events, counting tasks already overdue as reported', () => {
		const overdue = task('o', { dueDate: '2026-05-01T00:00:00.000Z' });
		const { events, snapshot } = diffTasks({}, [task('a'), overdue], all('a', 'o'), NOW, true);
		expect(events).toEqual([]);
		expect(diffTasks(snapshot, [task('a'), overdue], all('a', 'o'), NOW).events).toEqual([]);
	});

	it('reports new, completed, updated and reopened tasks', () => {
		const { snapshot } = diffTasks(
			{},
			[task('a'), task('b'), task('c', { completed: true })],
			all('a', 'b', 'c'),
			NOW,
			true,
		);
		const current = [
			task('a', { completed: true }),
			task('b', { title: 'Renamed', assignedTo: 'u2' }),
			task('c'),
			task('n'),
		];
		const { events } = diffTasks(snapshot, current, all('a', 'b', 'c', 'n'), NOW);
		expect(events.map((e) => [e.event, e.task.id, e.changes])).toEqual([
			['taskCompleted', 'a', undefined],
			['taskUpdated', 'b', { title: { new: 'Renamed' }, assignedTo: { old: null, new: 'u2' } }],
			['taskUpdated', 'c', { reopened: true }],
			['newTask', 'n', undefined],
		]);
	});

	it('reports overdue once per due date', () => {
		const late = task('a', { dueDate: '2026-05-31T00:00:00.000Z' });
		const first = diffTasks({}, [late], all('a'), NOW);
		expect(first.events.map((e) => e.event)).toEqual(['newTask', 'taskOverdue']);
		expect(diffTasks(first.snapshot, [late], all('a'), NOW).events).toEqual([]);
		const moved = task('a', { dueDate: '2026-05-30T00:00:00.000Z' });
		expect(diffTasks(first.snapshot, [moved], all('a'), NOW).events.map((e) => e.event)).toEqual([
			'taskUpdated',
			'taskOverdue',
		]);
	});

	it('forgets deleted tasks and keeps tasks it could not observe', () => {
		const { snapshot } = diffTasks({}, [task('a'), task('b')], all('a', 'b'), NOW, true);
		const next = diffTasks(snapshot, [], all('a'), NOW);
		expect(next.events).toEqual([]);
		expect(Object.keys(next.snapshot)).toEqual(['b']);
	});

	it('keeps all open tasks and only the newest completed ones', () => {
		const snapshot = {
			d1: entryOf(task('d1', { completed: true })),
			o1: entryOf(task('o1')),
			d2: entryOf(task('d2', { completed: true })),
			d3: entryOf(task('d3', { completed: true })),
		};
		expect(Object.keys(pruneCompleted(snapshot, 2))).toEqual(['o1', 'd2', 'd3']);
	});
});
