import type {RawRecord} from '../../record/log-record.js';
import {anyMarkerMade, describeUndecodable, undecodableBatchOf} from './undecodable-batch.js';

/** A batch's records with the markers of undecodable batches taken out. */
export type SortedRecords = {
	records: RawRecord[];
	/** One line per undecodable batch. */
	problems: string[];
};

/**
 * Take the marker records (see undecodable-batch.ts) out of a batch of records. Each
 * undecodable batch gives one line, and, with `asRecords`, one error record in the markers'
 * place at the batch's last offset, for the TUI's log pane (the store shows each offset
 * once, so a batch fetched again does not show twice). Records are returned as they are
 * when there is no marker, which is nearly always; before this thread made a marker they are
 * not even looked at.
 */
export function takeUndecodable(records: RawRecord[], asRecords: boolean): SortedRecords {
	if (!anyMarkerMade()) return {records, problems: []};
	let firstMarker = -1;
	for (let index = 0; index < records.length; index++) {
		if (undecodableBatchOf(records[index]!.headers)) {
			firstMarker = index;
			break;
		}
	}
	if (firstMarker < 0) return {records, problems: []};
	const kept = records.slice(0, firstMarker);
	const problems: string[] = [];
	let lastBatch: number | undefined;
	for (let index = firstMarker; index < records.length; index++) {
		const record = records[index]!;
		const batch = undecodableBatchOf(record.headers);
		if (!batch) {
			kept.push(record);
			continue;
		}
		if (batch.lastOffset === lastBatch) continue;
		lastBatch = batch.lastOffset;
		const line = describeUndecodable(record.topic, record.partition, batch);
		problems.push(line);
		if (asRecords) {
			kept.push({
				topic: record.topic,
				partition: record.partition,
				offset: batch.lastOffset,
				timestamp: record.timestamp,
				key: null,
				value: Buffer.from(JSON.stringify({level: 'error', service: 'klog-tui', message: line})),
				headers: undefined,
			});
		}
	}
	return {records: kept, problems};
}
