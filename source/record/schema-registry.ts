/**
 * The Confluent Schema Registry wire format: a value that starts with the magic byte 0 and a
 * 4-byte big-endian schema id, then the payload (JSON Schema → JSON text; Avro or Protobuf →
 * binary). Text never starts with a NUL byte, so the header is recognised without asking a
 * registry. JSON payloads are read as JSON; binary ones are named by their schema id until
 * Avro and Protobuf are decoded (a later issue).
 */

/** Bytes of the header before the payload. */
export const SCHEMA_REGISTRY_HEADER = 5;

/** The schema id of a framed value, or undefined when the value is not framed. */
export function schemaRegistryId(bytes: Buffer): number | undefined {
	return bytes.length >= SCHEMA_REGISTRY_HEADER && bytes[0] === 0 ? bytes.readUInt32BE(1) : undefined;
}

/** Whether the payload after the header is JSON text (its first non-space byte is `{` or `[`). */
export function framesJson(bytes: Buffer): boolean {
	for (let index = SCHEMA_REGISTRY_HEADER; index < bytes.length; index++) {
		const byte = bytes[index]!;
		if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
		return byte === 0x7b || byte === 0x5b;
	}

	return false;
}

/** The row's message for a binary (Avro, Protobuf) payload. */
export function schemaRegistryMessage(id: number, payloadBytes: number): string {
	return `schema registry id ${id} (Avro or Protobuf, ${payloadBytes} bytes, not decoded)`;
}
