/**
 * A problem with the local Kafka set-up that the user can fix (Java or Maven missing, a port
 * taken, the jars not downloadable, a broker that did not come up). Its message is one line
 * that says what is wrong and what to do; `detail` holds the longer story (log tails) if any.
 */
export class KafkaSetupError extends Error {
	/** Extra lines for someone debugging, e.g. the end of the broker log. Never shown by default. */
	readonly detail: string | undefined;

	constructor(message: string, detail?: string) {
		super(message);
		this.name = 'KafkaSetupError';
		this.detail = detail;
	}
}
