/**
 * Remembers the signatures of verified deliveries until they would be too old anyway, so the exact
 * same delivery posted again inside the allowed age is refused. Dotloop's own retries are new
 * requests with a new timestamp, hence a new signature: they are not affected. In memory and per
 * process (n8n offers triggers no safe shared store); with several webhook processes, the age limit
 * and Remove Duplicates on eventId remain the protection across them.
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
