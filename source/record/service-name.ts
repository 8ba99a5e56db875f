/**
 * Whether a record key can stand for a service. Keys are often request ids, UUIDs, user ids or
 * binary hashes: taken as services, they flood the services panel with one "service" per
 * record. A key is a service name only when it reads like one: letters first, then letters,
 * digits and `-_.:/` (no `@`: an e-mail address is a user), no UUID, not mostly digits, no
 * part that is a run of hex digits, not binary.
 */

/** Longest key taken as a service name. */
const MAX_NAME_LENGTH = 64;
const NAME = /^[A-Za-z][\w.:/-]*$/;
const UUID = /[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/i;
/** A part (between `-_.:/`) of five or more hex digits holding a digit: an id or a hash. */
const HEX_PART = /(?:^|[-_.:/])(?=[0-9a-f]*\d)[0-9a-f]{5,}(?=$|[-_.:/])/i;

/** True when the (decoded, sanitised) key reads like a service name. */
export function looksLikeServiceName(key: string): boolean {
	if (key.length === 0 || key.length > MAX_NAME_LENGTH || !NAME.test(key)) return false;
	if (UUID.test(key) || HEX_PART.test(key)) return false;
	let digitCount = 0;
	for (let index = 0; index < key.length; index++) {
		const code = key.charCodeAt(index);
		if (code >= 0x30 && code <= 0x39) digitCount++;
	}

	// `orders-v2`, `s3-sync` are names; `user-829371`, `a1b2c3d4` are ids.
	return digitCount * 3 <= key.length && !/\d{4,}/.test(key);
}
