import {readFileSync} from 'node:fs';
import type {Level} from '../../../source/record/log-record.js';

/**
 * One fixture per row of the record-shape table (`source/record/shapes/record-shapes.ts`), each
 * with where it comes from: `library` lines were written by the real library (committed files
 * under test/fixtures/shapes/ with the generator beside them, or made at test time by the npm
 * packages); `documented` lines are copied from, or built field for field after, the output the
 * library's documentation shows, for libraries that do not install here (.NET, Rust, Go, GCP,
 * the Kubernetes shippers).
 */

export type ShapeFixture = {
	shape: string;
	source: string;
	value: string;
	/** Kafka's timestamp of the record (near the log time: epoch numbers must be plausible). */
	kafkaTime: number;
	expected: {
		service: string;
		level: Level;
		/** ms since the epoch; 'kafka' when the record has no usable time. */
		time: number | 'kafka';
		message: string;
		traceId?: string;
		spanId?: string;
		/** The row of the application's record inside an envelope. */
		inner?: string;
	};
};

const FIXTURES = new URL('../../fixtures/shapes/', import.meta.url);

/** Line `index` (0-based) of a committed fixture file. */
export function fixtureLine(file: string, index: number): string {
	return readFileSync(new URL(file, FIXTURES), 'utf8').split('\n')[index]!;
}

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';
const AT = Date.parse('2024-12-06T10:00:00.123Z');
const APP_LINE = JSON.stringify({
	level: 'warn',
	msg: 'slow query',
	time: '2024-12-06T10:00:00.123Z',
	service: 'orders',
});
const javaTime = (file: string, index: number) => {
	const record = JSON.parse(fixtureLine(file, index)) as Record<string, unknown>;
	if (typeof record.timeMillis === 'number') return record.timeMillis;
	if (typeof record.timestampSeconds === 'number')
		return record.timestampSeconds * 1000 + Math.floor((record.timestampNanos as number) / 1e6);
	if (typeof record.timestamp === 'number') return Math.round(record.timestamp * 1000);
	const instant = record.instant as {epochSecond: number; nanoOfSecond: number} | undefined;
	if (instant) return instant.epochSecond * 1000 + Math.floor(instant.nanoOfSecond / 1e6);
	return Date.parse(record['@timestamp'] as string);
};
const java = (file: string, index: number): Omit<ShapeFixture, 'shape' | 'expected'> & {time: number} => ({
	source: `library: test/fixtures/shapes/java/${file} (test/fixtures/java-loggers)`,
	value: fixtureLine(`java/${file}`, index),
	time: javaTime(`java/${file}`, index),
	kafkaTime: javaTime(`java/${file}`, index) + 1000,
});

function fromJava(
	shape: string,
	file: string,
	index: number,
	expected: Omit<ShapeFixture['expected'], 'time'>,
): ShapeFixture {
	const {time, ...rest} = java(file, index);
	return {shape, ...rest, expected: {...expected, time}};
}

function documented(
	shape: string,
	source: string,
	record: unknown,
	expected: ShapeFixture['expected'],
): ShapeFixture {
	return {
		shape,
		source: `documented: ${source}`,
		value: typeof record === 'string' ? record : JSON.stringify(record),
		kafkaTime: AT + 5000,
		expected,
	};
}

export const COMMITTED_FIXTURES: readonly ShapeFixture[] = [
	documented(
		'kafka-connect-json',
		'Kafka Connect JsonConverter with schemas.enable=true (Kafka docs, connect JSON envelope)',
		{
			schema: {type: 'struct', optional: false, fields: [{field: 'msg', type: 'string', optional: false}]},
			payload: JSON.parse(APP_LINE),
		},
		{service: 'orders', level: 'warn', time: AT, message: 'slow query', inner: 'generic'},
	),
	documented(
		'vector-kubernetes',
		'Vector kubernetes_logs source, output schema of its reference page',
		{
			file: '/var/log/pods/prod_api-7d9f_1/api/0.log',
			kubernetes: {
				container_name: 'api',
				pod_name: 'api-7d9f-x2z1',
				pod_namespace: 'prod',
				pod_labels: {'app.kubernetes.io/name': 'checkout-api'},
			},
			message: '{"level":"error","msg":"cart lost","time":"2024-12-06T10:00:00.123Z"}',
			source_type: 'kubernetes_logs',
			stream: 'stderr',
			timestamp: '2024-12-06T10:00:01.000Z',
		},
		{service: 'checkout-api', level: 'error', time: AT, message: 'cart lost', inner: 'generic'},
	),
	documented(
		'fluentd-kubernetes',
		'Fluentd in_tail (docker json) + kubernetes_metadata filter README example',
		{
			log: '2024-12-06 10:00:00,123 WARN cache miss storm\n',
			stream: 'stdout',
			docker: {container_id: '6b2f1d'},
			kubernetes: {
				container_name: 'cache',
				namespace_name: 'prod',
				pod_name: 'cache-0',
				labels: {app: 'cache'},
				host: 'node-1',
			},
		},
		{service: 'cache', level: 'warn', time: AT, message: '2024-12-06 10:00:00,123 WARN cache miss storm'},
	),
	documented(
		'fluent-bit-kubernetes',
		'Fluent Bit kubernetes filter docs (Labels On), Kafka output with its default timestamp_key @timestamp (double)',
		{
			'@timestamp': 1733479201.5,
			log: `${APP_LINE}\n`,
			stream: 'stdout',
			kubernetes: {
				pod_name: 'orders-5c9-abcde',
				namespace_name: 'prod',
				container_name: 'orders-container',
				labels: {app: 'orders-label'},
			},
		},
		{service: 'orders', level: 'warn', time: AT, message: 'slow query', inner: 'generic'},
	),
	documented(
		'filebeat',
		'Filebeat container input + add_kubernetes_metadata, Kafka output (codec.json) per the Filebeat docs',
		{
			'@timestamp': '2024-12-06T10:00:01.000Z',
			'@metadata': {beat: 'filebeat', type: '_doc', version: '8.15.0'},
			message: `{"@timestamp":"2024-12-06T10:00:00.123Z","log.level":"error","message":"refund failed","ecs.version":"1.6.0","trace.id":"${TRACE}"}`,
			stream: 'stdout',
			input: {type: 'container'},
			kubernetes: {
				pod: {name: 'refunds-6f7d-q8r'},
				namespace: 'payments',
				container: {name: 'refunds'},
				labels: {'app_kubernetes_io/name': 'refunds-svc'},
			},
			fields: {service: 'refunds'},
			agent: {type: 'filebeat', version: '8.15.0'},
			ecs: {version: '8.0.0'},
			host: {name: 'node-3'},
		},
		{
			service: 'refunds',
			level: 'error',
			time: AT,
			message: 'refund failed',
			traceId: TRACE,
			inner: 'generic',
		},
	),
	fromJava('gelf', 'log4j2-gelf.jsonl', 2, {
		service: 'orders-7f9c',
		level: 'error',
		message: 'payment declined for order 43',
		traceId: TRACE,
		spanId: SPAN,
	}),
	fromJava('gcp', 'log4j2-gcp.jsonl', 1, {
		service: 'unknown',
		level: 'warn',
		message: 'stock for sku-7 is low',
		traceId: TRACE,
		spanId: SPAN,
	}),
	fromJava('log4j2-jsonlayout', 'log4j2-jsonlayout-template.jsonl', 0, {
		service: 'unknown',
		level: 'info',
		message: 'order 42 accepted',
		traceId: TRACE,
		spanId: SPAN,
	}),
	fromJava('logstash-logback', 'logback-logstash-appname.jsonl', 1, {
		service: 'billing',
		level: 'warn',
		message: 'retrying invoice 10',
		traceId: TRACE,
		spanId: SPAN,
	}),
	fromJava('spring-sleuth', 'logback-sleuth.jsonl', 2, {
		service: 'billing-sleuth',
		level: 'error',
		message: 'invoice 11 failed',
		traceId: TRACE,
		spanId: SPAN,
	}),
	documented(
		'serilog-clef',
		'Serilog.Formatting.Compact CompactJsonFormatter README (no @l: Information)',
		{
			'@t': '2024-12-06T10:00:00.1230000Z',
			'@mt': 'Order {OrderId} accepted in {Elapsed:0.0} ms',
			OrderId: 42,
			Elapsed: 12.5,
			Application: 'orders-api',
			'@tr': TRACE,
			'@sp': SPAN,
		},
		{
			service: 'orders-api',
			level: 'info',
			time: AT,
			message: 'Order 42 accepted in 12.5 ms',
			traceId: TRACE,
			spanId: SPAN,
		},
	),
	documented(
		'serilog-json',
		'Serilog.Formatting.Json.JsonFormatter output (renderMessage: false)',
		{
			Timestamp: '2024-12-06T11:00:00.1230000+01:00',
			Level: 'Warning',
			MessageTemplate: 'Disk {Disk} at {Percent}%',
			Properties: {Disk: 'sda', Percent: 91, Application: 'storage'},
			TraceId: TRACE,
			SpanId: SPAN,
		},
		{service: 'storage', level: 'warn', time: AT, message: 'Disk sda at 91%', traceId: TRACE, spanId: SPAN},
	),
	documented(
		'microsoft-json-console',
		'Microsoft.Extensions.Logging JsonConsoleFormatter docs (TimestampFormat set, IncludeScopes, ActivityTrackingOptions)',
		{
			Timestamp: '2024-12-06T10:00:00.123Z',
			EventId: 0,
			LogLevel: 'Critical',
			Category: 'Orders.Api.OrderController',
			Message: 'Order 42 lost',
			State: {Message: 'Order 42 lost', OrderId: 42, '{OriginalFormat}': 'Order {OrderId} lost'},
			Scopes: [{Message: 'SpanId:…', SpanId: SPAN, TraceId: TRACE, ParentId: '0000000000000000'}],
		},
		{service: 'unknown', level: 'fatal', time: AT, message: 'Order 42 lost', traceId: TRACE, spanId: SPAN},
	),
	documented(
		'rust-tracing',
		'tracing-subscriber fmt().json() output shown in its docs',
		{
			timestamp: '2024-12-06T10:00:00.123456Z',
			level: 'WARN',
			fields: {message: 'retrying upstream', attempt: 2},
			target: 'gateway::proxy',
			span: {name: 'request', method: 'GET'},
		},
		{service: 'unknown', level: 'warn', time: AT, message: 'retrying upstream'},
	),
	documented(
		'aws-powertools',
		'AWS Lambda Powertools for Python Logger docs (its default timestamp format, with comma ms)',
		{
			level: 'ERROR',
			location: 'collect_payment:12',
			message: 'payment declined',
			timestamp: '2024-12-06 10:00:00,123+0000',
			service: 'payment',
			cold_start: true,
			function_name: 'payment-fn',
			function_request_id: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
			xray_trace_id: '1-5759e988-bd862e3fe1be46a994272793',
		},
		{
			service: 'payment',
			level: 'error',
			time: AT,
			message: 'payment declined',
			traceId: '1-5759e988-bd862e3fe1be46a994272793',
		},
	),
	documented(
		'original',
		'klog-tui demo producer',
		{message: 'user logged in', timestamp: '2024-12-06T10:00:00.123Z', service: 'auth', level: 'info'},
		{service: 'auth', level: 'info', time: AT, message: 'user logged in'},
	),
	{
		shape: 'python-json-logger',
		source: 'library: test/fixtures/shapes/python/python-json-logger.jsonl (test/fixtures/python-loggers)',
		value: fixtureLine('python/python-json-logger.jsonl', 1),
		kafkaTime: Date.parse(
			`${JSON.parse(fixtureLine('python/python-json-logger.jsonl', 1)).asctime.replace(',', '.')}Z`,
		),
		expected: {
			service: 'checkout',
			level: 'warn',
			time: Date.parse(
				`${JSON.parse(fixtureLine('python/python-json-logger.jsonl', 1)).asctime.replace(',', '.')}Z`,
			),
			message: 'coupon WELCOME expired',
		},
	},
	{
		shape: 'structlog',
		source: 'library: test/fixtures/shapes/python/structlog.jsonl (test/fixtures/python-loggers)',
		value: fixtureLine('python/structlog.jsonl', 1),
		kafkaTime: Date.parse(JSON.parse(fixtureLine('python/structlog.jsonl', 1)).timestamp),
		expected: {
			service: 'recommender',
			level: 'error',
			time: Date.parse(JSON.parse(fixtureLine('python/structlog.jsonl', 1)).timestamp),
			message: 'feature store timeout',
		},
	},
	documented(
		'zap',
		'zap NewProduction() output (ts in float seconds, dpanic level)',
		{
			level: 'dpanic',
			ts: 1733479200.123,
			caller: 'api/handler.go:42',
			msg: 'nil session',
			service: 'gateway',
		},
		{service: 'gateway', level: 'error', time: AT, message: 'nil session'},
	),
	documented(
		'logrus',
		'logrus JSONFormatter README',
		{level: 'warning', msg: 'The group of walrus emerges', time: '2024-12-06T10:00:00.123Z', app: 'walrus'},
		{service: 'walrus', level: 'warn', time: AT, message: 'The group of walrus emerges'},
	),
	documented(
		'slog',
		'Go log/slog JSONHandler docs',
		{
			time: '2024-12-06T11:00:00.123+01:00',
			level: 'ERROR',
			msg: 'query failed',
			service: 'reports',
			trace_id: TRACE,
		},
		{service: 'reports', level: 'error', time: AT, message: 'query failed', traceId: TRACE},
	),
	documented(
		'ecs',
		'ecs-logging (Java/Node/Python) output per the ECS logging spec',
		{
			'@timestamp': '2024-12-06T10:00:00.123Z',
			'log.level': 'warn',
			message: 'cert expires soon',
			'ecs.version': '1.6.0',
			'service.name': 'edge',
			'trace.id': TRACE,
			'span.id': SPAN,
		},
		{service: 'edge', level: 'warn', time: AT, message: 'cert expires soon', traceId: TRACE, spanId: SPAN},
	),
	documented(
		'logfmt',
		'logfmt as logrus TextFormatter and slog TextHandler write it',
		'time=2024-12-06T10:00:00.123Z level=error msg="disk full" service=storage',
		{service: 'storage', level: 'error', time: AT, message: 'disk full'},
	),
	documented(
		'gcp',
		'Google Cloud Logging structured logging docs (special JSON fields)',
		{
			severity: 'ERROR',
			message: 'report failed',
			time: '2024-12-06T10:00:00.123Z',
			serviceContext: {service: 'reporter', version: '3'},
			'logging.googleapis.com/trace': `projects/p/traces/${TRACE}`,
			'logging.googleapis.com/spanId': SPAN,
		},
		{
			service: 'reporter',
			level: 'error',
			time: AT,
			message: 'report failed',
			traceId: `projects/p/traces/${TRACE}`,
			spanId: SPAN,
		},
	),
	documented(
		'gelf',
		'GELF 1.1 specification example (Graylog docs)',
		{
			version: '1.1',
			host: 'example.org',
			short_message: 'A short message that helps you identify what is going on',
			full_message: 'Backtrace here\n\nmore stuff',
			timestamp: 1733479200.123,
			level: 1,
			_user_id: 9001,
			_some_info: 'foo',
		},
		{
			service: 'example.org',
			level: 'fatal',
			time: AT,
			message: 'A short message that helps you identify what is going on',
		},
	),
	fromJava('log4j2-jsonlayout', 'log4j2-jsonlayout-classic.jsonl', 2, {
		service: 'unknown',
		level: 'error',
		message: 'payment declined for order 43',
		traceId: TRACE,
		spanId: SPAN,
	}),
	fromJava('logstash-logback', 'logback-logstash-app_name.jsonl', 0, {
		service: 'invoicing',
		level: 'info',
		message: 'invoice 9 sent',
		traceId: TRACE,
		spanId: SPAN,
	}),
	fromJava('logstash-logback', 'logback-logstash-application.jsonl', 2, {
		service: 'ledger',
		level: 'error',
		message: 'invoice 11 failed',
		traceId: TRACE,
		spanId: SPAN,
	}),
];
