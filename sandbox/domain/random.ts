const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Seeded PRNG (mulberry32): the same seed yields the same world, byte for byte. */
export class Rng {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	int(minInclusive: number, maxInclusive: number): number {
		return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** Up to `max` distinct items, in their original order. */
	some<T>(items: readonly T[], max: number): T[] {
		const count = this.int(0, Math.min(max, items.length));
		const chosen = new Set<number>();
		while (chosen.size < count) chosen.add(Math.floor(this.next() * items.length));
		return [...chosen].sort((a, b) => a - b).map((i) => items[i]);
	}

	/** A GHL-style id: 20 alphanumeric characters. */
	id(): string {
		let id = '';
		for (let i = 0; i < 20; i++) id += ID_ALPHABET[Math.floor(this.next() * ID_ALPHABET.length)];
		return id;
	}
}

export const GHL_ID_PATTERN = /^[A-Za-z0-9]{20}$/;
