/** The consumer's connection state, as the header shows it. */
export type ConnectionState =
	| {kind: 'connecting'; attempt?: number; reason?: string}
	| {kind: 'live'}
	| {kind: 'rebalancing'}
	| {kind: 'reconnecting'; reason: string; attempt: number}
	| {kind: 'stopped'; reason?: string};

/** What the adapter knows about one partition. */
export type PartitionStatus = {
	topic: string;
	partition: number;
	/** Last offset consumed by this run, -1 before the first record. */
	offset: number;
	/** The partition's high watermark (next offset to be written), -1 when unknown. */
	highWatermark: number;
	/** Records between what we consumed and the high watermark. */
	lag: number;
	/** Records per second over the last few seconds. */
	rate: number;
	/** True when this consumer currently owns the partition. */
	assigned: boolean;
};

/** Everything the header and partition panel show about the stream. */
export type StreamStatus = {
	connection: ConnectionState;
	paused: boolean;
	partitions: readonly PartitionStatus[];
	/** Sum of lag over assigned partitions (the backlog while paused). */
	totalLag: number;
	/**
	 * Records arriving in the topics per second, from how fast the high watermarks grow (over
	 * the last ten seconds or so): the rate to show while paused, when nothing is consumed.
	 */
	topicRate: number;
};

/**
 * A tiny store for `StreamStatus`, outside React: the adapter sets, components subscribe.
 * Implemented in `stream-status-store.ts`; listeners are throttled like the log store's.
 */
export type StreamStatusStore = {
	get(): StreamStatus;
	setConnection(state: ConnectionState): void;
	setPaused(paused: boolean): void;
	setPartitions(partitions: readonly PartitionStatus[]): void;
	subscribe(listener: () => void): () => void;
};
