/**
 * Remembers the signatures of accepted deliveries until they would be too old anyway, so the exact
 * same delivery posted again (Dotloop retrying with the original timestamp after a lost answer, or a
 * replayed capture) is recognised and not run twice. A retry signed with a new timestamp has a new
 * signature and is not recognised. In memory and per process (n8n offers triggers no safe shared
 * store); across webhook processes, Remove Duplicates on eventId is the protection.
 */
export class ReplayGuard {
	private readonly expiries = new Map<string, number>();

	constructor(private readonly capacity = 50_000) {}

	/** True if this signature was already seen and has not expired; otherwise records it. */
	isReplay(signature: string, expiresAt: number, now: number): boolean {
		const known = this.expiries.get(signature);
		if (known !== undefined && known > now) return true;
		if (this.expiries.size >= this.capacity) this.prune(now);
		this.expiries.set(signature, expiresAt);
		return false;
	}

	private prune(now: number) {
		for (const [signature, expiresAt] of this.expiries) {
			if (expiresAt <= now) this.expiries.delete(signature);
		}
		// Still full of live entries: drop the oldest (Map keeps insertion order).
		for (const signature of this.expiries.keys()) {
			if (this.expiries.size < this.capacity) break;
			this.expiries.delete(signature);
		}
	}
}
