import type { Clock } from './types';

/** Real time plus an offset that the control API moves; everything time-based reads this. */
export class SandboxClock implements Clock {
	private offsetMs = 0;

	now(): number {
		return Date.now() + this.offsetMs;
	}

	advance(ms: number): void {
		this.offsetMs += ms;
	}

	set(epochMs: number): void {
		this.offsetMs = epochMs - Date.now();
	}
}
