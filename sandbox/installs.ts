import {
	MAIN_LOCATION_ID,
	OTHER_LOCATION_ID,
	SUB_ACCOUNT_NAMES,
	THIRD_LOCATION_ID,
} from './identities';

/** The agency's sub-accounts and where the sandbox's Marketplace app is installed. */
export class Installs {
	/** Every sub-account of the company, in the order GHL lists them, with the install time. */
	private subAccounts = new Map<string, { name: string; installedAt?: number }>();

	constructor(private readonly now: () => number) {
		this.reset();
	}

	reset(): void {
		const at = this.now();
		this.subAccounts = new Map(
			[MAIN_LOCATION_ID, OTHER_LOCATION_ID, THIRD_LOCATION_ID].map((id) => [
				id,
				{ name: SUB_ACCOUNT_NAMES[id], installedAt: at },
			]),
		);
	}

	isInstalled(locationId: string): boolean {
		return this.subAccounts.get(locationId)?.installedAt !== undefined;
	}

	/** Installs the app in a sub-account, adding it to the company if it is new there. */
	install(locationId: string): void {
		const entry = this.subAccounts.get(locationId) ?? { name: `Sandbox ${locationId}` };
		entry.installedAt ??= this.now();
		this.subAccounts.set(locationId, entry);
	}

	uninstall(locationId: string): boolean {
		const entry = this.subAccounts.get(locationId);
		if (!entry) return false;
		entry.installedAt = undefined;
		return true;
	}

	installedIds(): string[] {
		return this.list().flatMap((entry) => (entry.installedAt !== undefined ? [entry.id] : []));
	}

	list(): Array<{ id: string; name: string; installedAt?: number }> {
		return [...this.subAccounts].map(([id, entry]) => ({ id, ...entry }));
	}
}
