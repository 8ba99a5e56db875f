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
