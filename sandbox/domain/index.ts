import type { Clock, Handler, SandboxOptions } from '../types';
import { controlRoutes } from './control';
import type { ControlRoute } from './control';
import { contactHandlers } from './handlers/contacts';
import { listHandlers } from './handlers/lists';
import { locationHandlers } from './handlers/location';
import { membershipHandlers } from './handlers/memberships';
import { noteHandlers } from './handlers/notes';
import { tagHandlers } from './handlers/tags';
import { taskHandlers } from './handlers/tasks';
import { Rng } from './random';
import { seedWorld } from './seed';
import { World } from './world';
import type { WorldChange } from './world';

export type { ControlRequest, ControlRoute } from './control';
export type { WorldChange } from './world';

export interface Domain {
	/** Keyed by the spec's operationId. */
	handlers: Record<string, Handler>;
	/** Mounted by the pipeline under `/__sandbox` (no auth). `path` uses `:param` segments. */
	controlRoutes: ControlRoute[];
	/** Back to the seed (options.seed, options.contacts). */
	reset(): void;
}

const FACTORIES = [
	contactHandlers,
	listHandlers,
	locationHandlers,
	membershipHandlers,
	noteHandlers,
	tagHandlers,
	taskHandlers,
];

interface Bound {
	handlers: Record<string, Handler>;
	routes: ControlRoute[];
}

function build(
	options: SandboxOptions,
	clock: Clock,
	onChange?: (change: WorldChange) => void,
): Bound {
	const world = new World(clock, new Rng(options.seed), options.indexLagMs);
	seedWorld(world, options.contacts, clock.now());
	if (onChange) world.watch(onChange);
	return {
		handlers: Object.assign({}, ...FACTORIES.map((factory) => factory(world))),
		routes: controlRoutes(world),
	};
}

/**
 * The GHL domain of the sandbox. What it hands out delegates to the current world, so that
 * `reset()` can swap in a freshly seeded one under the pipeline's feet.
 */
export function createDomain(
	options: SandboxOptions,
	clock: Clock,
	onChange?: (change: WorldChange) => void,
): Domain {
	let current = build(options, clock, onChange);
	const handlers: Record<string, Handler> = {};
	for (const operationId of Object.keys(current.handlers)) {
		handlers[operationId] = (req, ctx) => current.handlers[operationId](req, ctx);
	}
	return {
		handlers,
		controlRoutes: current.routes.map((route, i) => ({
			...route,
			handle: (req) => current.routes[i].handle(req),
		})),
		reset() {
			current = build(options, clock, onChange);
		},
	};
}
