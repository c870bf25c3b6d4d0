/**
 * The suite's tiny reporting layer: each check prints one line, a failure does not stop the
 * others, and the run ends with `e2e: N passed, N failed`.
 */
export class Report {
	private passed = 0;
	private failed = 0;

	section(title: string): void {
		console.log(`\n== ${title}`);
	}

	/** Runs one check; returns its value, or undefined when it failed. */
	async check<T>(name: string, body: () => T | Promise<T>): Promise<T | undefined> {
		try {
			const value = await body();
			this.passed++;
			console.log(`  ✓ ${name}`);
			return value;
		} catch (error) {
			this.failed++;
			const message = error instanceof Error ? error.message : String(error);
			console.log(`  ✗ ${name}\n      ${message.split('\n').join('\n      ')}`);
			return undefined;
		}
	}

	/** A step whose failure makes the checks after it meaningless. */
	async must<T>(name: string, body: () => T | Promise<T>): Promise<T> {
		const outcome = await this.check(name, async () => ({ value: await body() }));
		if (!outcome) throw new PhaseAborted(name);
		return outcome.value;
	}

	fail(name: string, error: unknown): void {
		this.failed++;
		console.log(`  ✗ ${name}\n      ${error instanceof Error ? error.message : String(error)}`);
	}

	get ok(): boolean {
		return this.failed === 0;
	}

	summary(): string {
		return `e2e: ${this.passed} passed, ${this.failed} failed`;
	}
}

/** Thrown by `must`; the phase stops, the failure is already counted. */
export class PhaseAborted extends Error {
	constructor(step: string) {
		super(`phase stopped after "${step}" failed`);
	}
}
