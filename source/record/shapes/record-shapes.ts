import {GENERIC_READ_SHAPES} from './generic-shapes.js';
import type {RecordShape} from './record-shape.js';

/**
 * The record shapes klog-tui understands without configuration, as data: for each shape, how it
 * is recognised (by its fields) and where its service, level, time, message and trace/span ids
 * live. `read-shape.ts` compiles this table; the README's "Log formats" section is generated
 * from it; `test/unit/record/shapes/record-shapes.test.ts` holds a fixture per row.
 *
 * Reading a record: the first row (in table order) whose `match` holds is its shape; a record
 * that matches none is read by the last row, `generic`. Rows without `match` name libraries the
 * generic row reads as they are (a test checks that their paths are the generic row's). In each
 * list the first field present wins; the config file's `fields` are tried before the row's.
 * Paths: see `field-path.ts`.
 */

const ECS_TRACE = ['trace.id', 'trace_id', 'traceId'] as const;
const ECS_SPAN = ['span.id', 'span_id', 'spanId'] as const;
/** Kubernetes metadata as Fluent Bit's and Fluentd's kubernetes filters write it. */
const FLUENT_KUBERNETES_SERVICE = [
	'kubernetes.labels.app.kubernetes.io/name',
	'kubernetes.labels.app',
	'kubernetes.labels.k8s-app',
	'kubernetes.container_name',
] as const;
/** The shippers' own time (when they read the line), used when the line has none. */
const SHIPPER_TIME = ['time', '@timestamp', 'timestamp', 'date'] as const;

export const RECORD_SHAPES: readonly RecordShape[] = [
	{
		// parse-record.ts decodes the request (otlp/) into one row per log record, its level from
		// severityNumber first; each row's value is this document (attributes as objects, ids in
		// hex), which the detail view reads by this row.
		id: 'otlp',
		name: 'OpenTelemetry OTLP logs (otlp_proto, otlp_json; a row per log record)',
		match: [['timeUnixNano', 'observedTimeUnixNano', 'resource']],
		service: ['resource.service.name'],
		level: ['severityText'],
		time: ['timeUnixNano', 'observedTimeUnixNano'],
		message: ['body', 'eventName'],
		traceId: ['traceId'],
		spanId: ['spanId'],
	},
	{
		id: 'kafka-connect-json',
		name: 'Kafka Connect JsonConverter (schemas.enable: schema + payload)',
		match: [['schema.type', 'payload']],
		unwrap: ['payload'],
	},
	{
		id: 'vector-kubernetes',
		name: 'Vector kubernetes_logs source',
		match: [
			['source_type', 'kubernetes.pod_name'],
			['source_type', 'kubernetes.container_name'],
		],
		service: [
			'kubernetes.pod_labels.app.kubernetes.io/name',
			'kubernetes.pod_labels.app',
			'kubernetes.container_name',
		],
		message: ['message'],
		unwrap: ['message'],
		time: SHIPPER_TIME,
	},
	{
		id: 'fluentd-kubernetes',
		name: 'Fluentd (kubernetes_metadata filter)',
		match: [['docker.container_id', 'kubernetes.container_name']],
		service: FLUENT_KUBERNETES_SERVICE,
		message: ['log', 'message'],
		unwrap: ['log', 'message'],
		time: SHIPPER_TIME,
	},
	{
		id: 'fluent-bit-kubernetes',
		name: 'Fluent Bit (kubernetes filter)',
		match: [['kubernetes.pod_name'], ['kubernetes.container_name']],
		service: FLUENT_KUBERNETES_SERVICE,
		message: ['log', 'message'],
		unwrap: ['log', 'message'],
		time: SHIPPER_TIME,
	},
	{
		id: 'filebeat',
		name: 'Filebeat / Elastic Agent (Kafka output)',
		match: [['@metadata.beat'], ['agent.type', 'ecs.version', 'input.type']],
		service: [
			'fields.service',
			'service.name',
			'kubernetes.labels.app_kubernetes_io/name',
			'kubernetes.labels.app',
			'kubernetes.container.name',
			'container.name',
		],
		level: ['log.level'],
		message: ['message'],
		unwrap: ['message'],
		time: ['@timestamp'],
		traceId: ECS_TRACE,
		spanId: ECS_SPAN,
		host: ['host.name', 'host.hostname', 'agent.hostname'],
	},
	{
		id: 'gelf',
		name: 'GELF 1.1 (log4j2 JsonTemplateLayout GelfLayout.json, logback-gelf, …)',
		match: [['version', 'short_message']],
		service: ['_service', '_app', '_application', '_service_name', '_facility', 'facility'],
		level: ['level'],
		message: ['short_message', 'full_message'],
		time: ['timestamp'],
		traceId: ['_traceId', '_trace_id'],
		spanId: ['_spanId', '_span_id'],
		host: ['host'],
	},
	{
		id: 'gcp',
		name: 'GCP structured logging (also log4j2 GcpLayout.json)',
		match: [
			['serviceContext.service'],
			[['logging.googleapis.com/sourceLocation']],
			[['logging.googleapis.com/trace']],
			[['logging.googleapis.com/labels'], 'severity'],
		],
		service: [
			'serviceContext.service',
			['logging.googleapis.com/labels', 'service'],
			['logging.googleapis.com/labels', 'app'],
		],
		level: ['severity'],
		message: ['message', 'textPayload'],
		time: ['timestamp', 'time', 'timestampSeconds+timestampNanos'],
		traceId: [
			['logging.googleapis.com/trace'],
			['logging.googleapis.com/labels', 'traceId'],
			['logging.googleapis.com/labels', 'trace_id'],
		],
		spanId: [
			['logging.googleapis.com/spanId'],
			['logging.googleapis.com/labels', 'spanId'],
			['logging.googleapis.com/labels', 'span_id'],
		],
	},
	{
		id: 'log4j2-jsonlayout',
		name: 'log4j2 JsonLayout (classic) and JsonTemplateLayout JsonLayout.json',
		match: [['loggerFqcn', 'level']],
		service: [
			'service',
			'app',
			'application',
			'contextMap.service',
			'contextMap.app',
			'contextMap.application',
		],
		level: ['level'],
		message: ['message'],
		time: ['instant', 'timeMillis'],
		traceId: ['contextMap.traceId', 'contextMap.trace_id'],
		spanId: ['contextMap.spanId', 'contextMap.span_id'],
	},
	{
		id: 'logstash-logback',
		name: 'logback + logstash-logback-encoder (customFields appname/app_name/application)',
		match: [['@version', 'level_value']],
		service: [
			'appname',
			'app_name',
			'application',
			'service',
			'service.name',
			'springAppName',
			'spring.application.name',
		],
		level: ['level'],
		message: ['message'],
		time: ['@timestamp'],
		traceId: ['traceId', 'trace_id', 'trace.id'],
		spanId: ['spanId', 'span_id', 'span.id'],
		host: ['HOSTNAME'],
	},
	{
		id: 'spring-sleuth',
		name: 'Spring Cloud Sleuth JSON pattern (message in rest)',
		match: [['rest', 'severity']],
		service: ['service'],
		level: ['severity'],
		message: ['rest'],
		time: ['@timestamp', 'timestamp'],
		traceId: ['trace', 'traceId'],
		spanId: ['span', 'spanId'],
	},
	{
		id: 'serilog-clef',
		name: 'Serilog compact JSON (CLEF: @t, @mt/@m, @l)',
		match: [
			['@t', '@mt'],
			['@t', '@m'],
		],
		service: ['Application', 'ApplicationName', 'Service', 'ServiceName', 'service.name'],
		level: ['@l'],
		message: ['@m'],
		messageTemplate: {from: ['@mt'], values: ['']},
		defaultLevel: 'info',
		time: ['@t'],
		traceId: ['@tr', 'TraceId'],
		spanId: ['@sp', 'SpanId'],
		host: ['MachineName'],
	},
	{
		id: 'serilog-json',
		name: 'Serilog JsonFormatter (Timestamp, Level, RenderedMessage/MessageTemplate)',
		match: [['MessageTemplate', 'Level']],
		service: [
			'Properties.Application',
			'Properties.ApplicationName',
			'Properties.Service',
			'Properties.ServiceName',
		],
		level: ['Level'],
		message: ['RenderedMessage'],
		messageTemplate: {from: ['MessageTemplate'], values: ['Properties']},
		time: ['Timestamp'],
		traceId: ['TraceId', 'Properties.TraceId'],
		spanId: ['SpanId', 'Properties.SpanId'],
		host: ['Properties.MachineName'],
	},
	{
		id: 'microsoft-json-console',
		name: 'Microsoft.Extensions.Logging JSON console (LogLevel, Category, Message)',
		match: [['LogLevel', 'Category']],
		service: ['State.Application', 'State.Service', 'Scopes.0.Application', 'Scopes.0.Service'],
		level: ['LogLevel'],
		message: ['Message'],
		messageTemplate: {from: [['State', '{OriginalFormat}']], values: ['State']},
		time: ['Timestamp'],
		traceId: ['Scopes.0.TraceId', 'State.TraceId'],
		spanId: ['Scopes.0.SpanId', 'State.SpanId'],
	},
	{
		id: 'rust-tracing',
		name: 'Rust tracing-subscriber JSON (fields.message)',
		match: [['target', 'fields.message']],
		service: ['fields.service', 'span.service', 'service'],
		level: ['level'],
		message: ['fields.message'],
		time: ['timestamp'],
		traceId: ['fields.trace_id', 'span.trace_id', 'trace_id'],
		spanId: ['fields.span_id', 'span.span_id', 'span_id'],
	},
	{
		id: 'aws-powertools',
		name: 'AWS Lambda Powertools (Python, TypeScript, Java)',
		match: [['xray_trace_id'], ['function_request_id'], ['sampling_rate', 'service']],
		service: ['service', 'function_name'],
		level: ['level'],
		message: ['message'],
		time: ['timestamp'],
		traceId: ['xray_trace_id'],
	},
	{
		id: 'winston-logstash',
		name: 'winston format.logstash() (@message, @timestamp, @fields)',
		match: [['@message', '@fields']],
		service: ['@fields.service', '@fields.defaultMeta.service'],
		level: ['@fields.level'],
		message: ['@message'],
		time: ['@timestamp', '@fields.timestamp'],
		traceId: ['@fields.traceId', '@fields.trace_id'],
		spanId: ['@fields.spanId', '@fields.span_id'],
	},
	// Read by the generic row (no `match`), and the generic row itself: generic-shapes.ts.
	...GENERIC_READ_SHAPES,
];

/** The row that reads records no other row matches. */
export const GENERIC_SHAPE: RecordShape = RECORD_SHAPES.at(-1)!;
