import type {Level} from '../log-record.js';
import type {FieldPath} from './field-path.js';
export type ShapeField = 'service' | 'level' | 'time' | 'message' | 'traceId' | 'spanId';

export type RecordShape = {
	/** Stable id (fixtures are named after it). */
	id: string;
	/** What writes it, for the README. */
	name: string;
	/** Recognised when every field of one of these sets is present (not null). */
	match?: readonly (readonly FieldPath[])[];
	service?: readonly FieldPath[];
	level?: readonly FieldPath[];
	/** ISO/RFC 3339 and other text times, epoch numbers, `{epochSecond,nanoOfSecond}`, `a+b` splits. */
	time?: readonly FieldPath[];
	/** An object or array is shown as compact JSON only from the first path; later paths must hold text. */
	message?: readonly FieldPath[];
	traceId?: readonly FieldPath[];
	spanId?: readonly FieldPath[];
	/** The service of last resort, after the record key and headers: the host that wrote it. */
	host?: readonly FieldPath[];
	/**
	 * Where an envelope (a log shipper's, Kafka Connect's) keeps the application's own record. JSON
	 * there, as a string or an object, is read as a record of its own (any shape); the envelope's
	 * fields fill in what it lacks, and stay in the value for the detail view.
	 */
	unwrap?: readonly FieldPath[];
	/** Level of records that name none (Serilog writes no `@l` for Information). */
	defaultLevel?: Level;
	/**
	 * Where a message template (`Order {Id} done`) is when no rendered message is there, and the
	 * objects (`''`: the record itself) whose properties fill its holes.
	 */
	messageTemplate?: {from: readonly FieldPath[]; values: readonly FieldPath[]};
};
