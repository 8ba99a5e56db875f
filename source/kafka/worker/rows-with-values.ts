import type {LogRecord, RawRecord} from '../../record/log-record.js';
import type {RowParser} from '../../record/parse-record.js';

/**
 * `parse` that also collects, when `values` is given, each row's value bytes as read: the
 * record's own value when it is the record's only row, null for the rows of an OTLP request
 * (their value is the log record's own JSON, not the Kafka value). A `BatchPacker` copies them.
 */
export function rowsWithValues(
	parse: RowParser,
): (raw: RawRecord, out: LogRecord[], values: Array<Uint8Array | null> | undefined) => void {
	return (raw, out, values) => {
		const before = out.length;
		parse(raw, out);
		if (values === undefined) return;
		const single = out.length - before === 1 && out[before]!.logIndex === undefined;
		for (let row = before; row < out.length; row++) values.push(single ? raw.value : null);
	};
}
