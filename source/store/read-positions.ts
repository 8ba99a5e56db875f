/**
 * Where the store has read each partition up to: an offset, and within it the index of the log
 * record (0 but for the rows of an OTLP logs request, which share their Kafka record's offset).
 * A partition's positions only grow, so a row at or before its position was seen already.
 */
export type ReadPosition = {offset: number; index: number};

/** Per topic, per partition. Memory per partition, not per record. */
export type ReadPositions = Map<string, Map<number, ReadPosition>>;

/** True when (offset, index) comes after `position`. */
export function isAfter(offset: number, index: number, position: ReadPosition): boolean {
	return offset > position.offset || (offset === position.offset && index > position.index);
}

/** Move a partition's position forward (in place: no allocation per record). */
export function advance(
	partitions: Map<number, ReadPosition>,
	partition: number,
	position: ReadPosition | undefined,
	offset: number,
	index: number,
): void {
	if (position === undefined) {
		partitions.set(partition, {offset, index});
		return;
	}

	position.offset = offset;
	position.index = index;
}
