/** Retry backoff: 0.5 s doubling, capped at 10 s. */
export function backoffMs(attempt: number): number {
	return Math.min(10_000, 500 * 2 ** Math.max(0, attempt - 1));
}

/** Resolve `promise`, or give up quietly after `ms` (used on the way out, where a dead broker must not hang us). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
	let timer: NodeJS.Timeout | undefined;
	try {
		return await Promise.race([
			promise,
			new Promise<undefined>((resolve) => {
				timer = setTimeout(() => resolve(undefined), ms);
			}),
		]);
	} finally {
		clearTimeout(timer);
	}
}
