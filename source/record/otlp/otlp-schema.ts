/**
 * The OTLP logs messages klog-tui reads, as data: field number → JSON name and type, from the
 * published OpenTelemetry protocol (opentelemetry-proto: `collector/logs/v1/logs_service.proto`,
 * `logs/v1/logs.proto`, `common/v1/common.proto`, `resource/v1/resource.proto`). No npm package
 * ships this schema in a form that decodes (the SDK's `@opentelemetry/otlp-transformer` only
 * serialises), so the few messages are declared here. Names are the OTLP/JSON ones (lowerCamelCase),
 * so a decoded request has the shape of an `otlp_json` one and one reader serves both.
 *
 * Fields not listed (newer ones, `*_strindex` of profiles, entity refs) are skipped.
 */

/** How a field is encoded: a scalar type, or the name of a message it holds. */
export type OtlpScalar = 'string' | 'bytes' | 'fixed64' | 'fixed32' | 'uint32' | 'int64' | 'bool' | 'double';
export type OtlpMessageName =
	| 'ExportLogsServiceRequest'
	| 'ResourceLogs'
	| 'Resource'
	| 'ScopeLogs'
	| 'InstrumentationScope'
	| 'LogRecord'
	| 'KeyValue'
	| 'AnyValue'
	| 'ArrayValue'
	| 'KeyValueList';

export type OtlpField = {
	name: string;
	type: OtlpScalar | OtlpMessageName;
	/** A repeated field: its values are collected in an array. */
	repeated?: true;
};

export type OtlpMessage = Readonly<Record<number, OtlpField>>;

const keyValues = (name: string): OtlpField => ({name, type: 'KeyValue', repeated: true});

export const OTLP_LOGS_MESSAGES: Readonly<Record<OtlpMessageName, OtlpMessage>> = {
	ExportLogsServiceRequest: {1: {name: 'resourceLogs', type: 'ResourceLogs', repeated: true}},
	ResourceLogs: {
		1: {name: 'resource', type: 'Resource'},
		2: {name: 'scopeLogs', type: 'ScopeLogs', repeated: true},
		3: {name: 'schemaUrl', type: 'string'},
	},
	Resource: {1: keyValues('attributes'), 2: {name: 'droppedAttributesCount', type: 'uint32'}},
	ScopeLogs: {
		1: {name: 'scope', type: 'InstrumentationScope'},
		2: {name: 'logRecords', type: 'LogRecord', repeated: true},
		3: {name: 'schemaUrl', type: 'string'},
	},
	InstrumentationScope: {
		1: {name: 'name', type: 'string'},
		2: {name: 'version', type: 'string'},
		3: keyValues('attributes'),
		4: {name: 'droppedAttributesCount', type: 'uint32'},
	},
	LogRecord: {
		1: {name: 'timeUnixNano', type: 'fixed64'},
		11: {name: 'observedTimeUnixNano', type: 'fixed64'},
		// SeverityNumber is an enum: a varint on the wire, like uint32.
		2: {name: 'severityNumber', type: 'uint32'},
		3: {name: 'severityText', type: 'string'},
		5: {name: 'body', type: 'AnyValue'},
		6: keyValues('attributes'),
		7: {name: 'droppedAttributesCount', type: 'uint32'},
		8: {name: 'flags', type: 'fixed32'},
		9: {name: 'traceId', type: 'bytes'},
		10: {name: 'spanId', type: 'bytes'},
		12: {name: 'eventName', type: 'string'},
	},
	KeyValue: {1: {name: 'key', type: 'string'}, 2: {name: 'value', type: 'AnyValue'}},
	AnyValue: {
		1: {name: 'stringValue', type: 'string'},
		2: {name: 'boolValue', type: 'bool'},
		3: {name: 'intValue', type: 'int64'},
		4: {name: 'doubleValue', type: 'double'},
		5: {name: 'arrayValue', type: 'ArrayValue'},
		6: {name: 'kvlistValue', type: 'KeyValueList'},
		7: {name: 'bytesValue', type: 'bytes'},
	},
	ArrayValue: {1: {name: 'values', type: 'AnyValue', repeated: true}},
	KeyValueList: {1: keyValues('values')},
};
