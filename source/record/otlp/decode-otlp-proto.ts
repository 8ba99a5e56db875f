import {BinaryReader, WireType} from '@bufbuild/protobuf/wire';
import {OTLP_LOGS_MESSAGES, type OtlpMessageName, type OtlpScalar} from './otlp-schema.js';

/**
 * An `otlp_proto` value (the OpenTelemetry Collector Kafka exporter's default: one
 * `ExportLogsServiceRequest`) → the same object an `otlp_json` value parses to, with bytes as
 * `Uint8Array` and 64-bit integers as `bigint`. The wire format is read by @bufbuild/protobuf's
 * `BinaryReader` (varints, fixed widths, bounds, unknown fields); which field is what comes from
 * `otlp-schema.ts`.
 *
 * Strict, because any binary value that starts with byte 0x0a is tried: a known field with the
 * wrong wire type (an OTLP trace or metrics request, another protobuf message), a length past its
 * message, invalid UTF-8 in a string or nesting deeper than {@link MAX_DEPTH} make it not OTLP logs
 * (undefined), never an exception.
 */

/** Deepest message nesting read: the request is 6 deep, the rest is nested `AnyValue`s. */
export const MAX_DEPTH = 32;

const WIRE_TYPES: Readonly<Record<OtlpScalar, WireType>> = {
	string: WireType.LengthDelimited,
	bytes: WireType.LengthDelimited,
	fixed64: WireType.Bit64,
	double: WireType.Bit64,
	fixed32: WireType.Bit32,
	uint32: WireType.Varint,
	int64: WireType.Varint,
	bool: WireType.Varint,
};

class NotOtlpLogs extends Error {}

function readScalar(reader: BinaryReader, type: OtlpScalar): unknown {
	switch (type) {
		case 'string':
			// Protobuf strings are UTF-8 (the Collector refuses to write anything else).
			return reader.string(true);
		case 'bytes':
			return reader.bytes();
		case 'fixed64':
			return reader.fixed64();
		case 'double':
			return reader.double();
		case 'fixed32':
			return reader.fixed32();
		case 'uint32':
			return reader.uint32();
		case 'int64':
			return reader.int64();
		case 'bool':
			return reader.bool();
	}
}

function isMessageName(type: OtlpScalar | OtlpMessageName): type is OtlpMessageName {
	return Object.hasOwn(OTLP_LOGS_MESSAGES, type);
}

/** A field as the decoder reads it: the schema's, with its wire type and message looked up once. */
type FieldPlan = {name: string; repeated: boolean; wireType: WireType} & (
	| {scalar: OtlpScalar; message: undefined}
	| {scalar: undefined; message: MessagePlan}
);
type MessagePlan = Map<number, FieldPlan>;

function planMessages(): Record<OtlpMessageName, MessagePlan> {
	const plans = {} as Record<OtlpMessageName, MessagePlan>;
	for (const name of Object.keys(OTLP_LOGS_MESSAGES) as OtlpMessageName[]) plans[name] = new Map();
	for (const name of Object.keys(OTLP_LOGS_MESSAGES) as OtlpMessageName[]) {
		for (const [number, field] of Object.entries(OTLP_LOGS_MESSAGES[name])) {
			const common = {name: field.name, repeated: field.repeated === true};
			plans[name].set(
				Number(number),
				isMessageName(field.type)
					? {...common, wireType: WireType.LengthDelimited, scalar: undefined, message: plans[field.type]}
					: {...common, wireType: WIRE_TYPES[field.type], scalar: field.type, message: undefined},
			);
		}
	}

	return plans;
}

const PLANS = planMessages();

function readMessage(reader: BinaryReader, end: number, message: MessagePlan, depth: number) {
	if (depth > MAX_DEPTH) throw new NotOtlpLogs('nested too deep');
	const object: Record<string, unknown> = {};
	while (reader.pos < end) {
		const [number, wireType] = reader.tag();
		const field = message.get(number);
		if (field === undefined) {
			reader.skip(wireType, number);
		} else {
			if (wireType !== field.wireType) throw new NotOtlpLogs(`field ${number}: wire type ${wireType}`);
			let value: unknown;
			if (field.message !== undefined) {
				const length = reader.uint32();
				const inner = reader.pos + length;
				if (inner > end) throw new NotOtlpLogs('message longer than its parent');
				value = readMessage(reader, inner, field.message, depth + 1);
			} else {
				value = readScalar(reader, field.scalar);
			}

			if (field.repeated) {
				const list = object[field.name] as unknown[] | undefined;
				if (list === undefined) object[field.name] = [value];
				else list.push(value);
			} else {
				object[field.name] = value;
			}
		}

		if (reader.pos > end) throw new NotOtlpLogs('field past the end of its message');
	}

	return object;
}

/** The request a value holds, or undefined when it is not a well-formed OTLP logs request. */
export function decodeOtlpLogsProto(bytes: Uint8Array): Record<string, unknown> | undefined {
	try {
		const reader = new BinaryReader(bytes);
		return readMessage(reader, bytes.length, PLANS.ExportLogsServiceRequest, 0);
	} catch {
		return undefined;
	}
}
