import { Rng } from './domain/random';
import type { FaultRule, SandboxOptions } from './types';

export type Fault = FaultRule['fault'];

export interface FaultDecision {
	fault: Fault;
	/** The handler runs first and its response is lost. */
	afterHandler: boolean;
}

const SERVER_ERRORS = [500, 502, 503, 504] as const;

/**
 * Decides, per request that reached the handler stage, whether it fails: first the scripted
 * schedule, then the random rates. Randomness comes from a PRNG seeded with the sandbox seed, so
 * a run replays. Call counting (for `nth`) restarts when the faults are configured anew.
 */
export class FaultInjector {
	private rng: Rng;
	private calls = new Map<string, number>();
	private fired = new Map<FaultRule, number>();

	constructor(private readonly options: SandboxOptions) {
		this.rng = new Rng(options.seed);
	}

	/** Forgets call counts and spent rules (after `options.faults` changed, or a reset). */
	restart(): void {
		this.rng = new Rng(this.options.seed);
		this.calls.clear();
		this.fired.clear();
	}

	decide(operationId: string): FaultDecision | undefined {
		const call = this.count(operationId);
		const total = this.count('*');
		const { schedule, errorRate, resetRate, hangRate } = this.options.faults;
		for (const rule of schedule) {
			if (rule.operationId !== operationId && rule.operationId !== '*') continue;
			const nth = rule.operationId === '*' ? total : call;
			if (rule.nth !== undefined && rule.nth !== nth) continue;
			const fired = this.fired.get(rule) ?? 0;
			if (fired >= (rule.times ?? 1)) continue;
			this.fired.set(rule, fired + 1);
			return { fault: rule.fault, afterHandler: rule.afterHandler === true };
		}
		// One draw per request keeps the sequence independent of which rates are set.
		const roll = this.rng.next();
		if (roll < errorRate) return { fault: this.rng.pick(SERVER_ERRORS), afterHandler: false };
		if (roll < errorRate + resetRate) return { fault: 'reset', afterHandler: false };
		if (roll < errorRate + resetRate + hangRate) return { fault: 'hang', afterHandler: false };
		return undefined;
	}

	/** Random extra latency, up to `randomMs`. */
	jitter(randomMs: number): number {
		return randomMs > 0 ? this.rng.next() * randomMs : 0;
	}

	private count(key: string): number {
		const n = (this.calls.get(key) ?? 0) + 1;
		this.calls.set(key, n);
		return n;
	}
}
