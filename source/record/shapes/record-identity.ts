import {safeLine} from '../safe-text.js';
import {createShapeReader, emptyReading} from './read-shape.js';

/**
 * What the detail view says about a record's shape: the row of the record-shape table it
 * matched (and the row of the application's record inside an envelope), and its trace and span
 * ids. Read again from the kept value when the detail view opens: the rows of the log pane need
 * none of it, so the hot path never pays for it.
 */
export type RecordIdentity = {
	/** `Fluent Bit (kubernetes filter) › pino`; terminal-safe. */
	shape: string;
	traceId: string | undefined;
	spanId: string | undefined;
};

const reader = createShapeReader();
const reading = emptyReading();
const MAX_ID_LENGTH = 128;

function idText(value: unknown): string | undefined {
	if (typeof value === 'string') return value.length === 0 ? undefined : safeLine(value, MAX_ID_LENGTH);
	return typeof value === 'number' ? String(value) : undefined;
}

/** The identity of a parsed JSON record. */
export function recordIdentity(object: Record<string, unknown>): RecordIdentity {
	reader.read(object, reading, true);
	const names = [reading.shape.name];
	if (reading.inner !== undefined) names.push(reading.inner.name);
	return {
		shape: safeLine(names.join(' › '), 200),
		traceId: idText(reading.traceId),
		spanId: idText(reading.spanId),
	};
}
