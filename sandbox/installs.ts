import {
	MAIN_LOCATION_ID,
	OTHER_LOCATION_ID,
	SUB_ACCOUNT_NAMES,
	THIRD_LOCATION_ID,
} from './identities';
import type { AppEvent } from './webhooks/events';

/** Told of each install and uninstall, as GHL tells the app's default webhook URL. */
export type InstallListener = (event: AppEvent, locationId: string) => void;

/** The agency's sub-accounts and where the sandbox's Marketplace app is installed. */
export class Installs {
	/** Every sub-account of the company, in the order GHL lists them, with the install time. */
	private subAccounts = new Map<string, { name: string; installedAt?: number }>();

	constructor(
		private readonly now: () => number,
		private readonly onChange: InstallListener = () => undefined,
	) {
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

	/**
	 * Installs the app in a sub-account, adding it to the company if it is new there. Installing
	 * where the app already is changes nothing and sends nothing.
	 */
	install(locationId: string): void {
		const entry = this.subAccounts.get(locationId) ?? { name: `Sandbox ${locationId}` };
		this.subAccounts.set(locationId, entry);
		if (entry.installedAt !== undefined) return;
		entry.installedAt = this.now();
		this.onChange('INSTALL', locationId);
	}

	/** False for a sub-account the company does not have; an uninstalled one stays listed. */
	uninstall(locationId: string): boolean {
		const entry = this.subAccounts.get(locationId);
		if (!entry) return false;
		if (entry.installedAt === undefined) return true;
		entry.installedAt = undefined;
		this.onChange('UNINSTALL', locationId);
		return true;
	}

	installedIds(): string[] {
		return this.list().flatMap((entry) => (entry.installedAt !== undefined ? [entry.id] : []));
	}

	list(): Array<{ id: string; name: string; installedAt?: number }> {
		return [...this.subAccounts].map(([id, entry]) => ({ id, ...entry }));
	}
}
