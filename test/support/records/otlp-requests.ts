import {context, TraceFlags, trace} from '@opentelemetry/api';
import {type AnyValueMap, SeverityNumber} from '@opentelemetry/api-logs';
import {JsonLogsSerializer, ProtobufLogsSerializer} from '@opentelemetry/otlp-transformer';
import {resourceFromAttributes} from '@opentelemetry/resources';
import {
	InMemoryLogRecordExporter,
	LoggerProvider,
	type ReadableLogRecord,
	SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';

/**
 * OTLP logs requests made by the official OpenTelemetry JS SDK (`@opentelemetry/sdk-logs`) and
 * serialised by its own OTLP serialisers (`@opentelemetry/otlp-transformer`: the bytes its OTLP
 * exporters send, and what the Collector's Kafka exporter writes as `otlp_proto` / `otlp_json`).
 */

export const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
export const SPAN_ID = '00f067aa0ba902b7';

/** One log record to emit: what the SDK's `logger.emit` takes, plus the scope and service. */
export type OtlpLog = {
	service: string;
	scope?: string;
	severityNumber?: SeverityNumber;
	severityText?: string;
	body?: unknown;
	attributes?: AnyValueMap;
	/** ms since the epoch; the SDK stamps the observed time itself. */
	time?: number;
	/** Emit inside a span with TRACE_ID / SPAN_ID. */
	traced?: boolean;
};

/** The SDK's log records for `logs` (one provider per service, as one process per service). */
export async function sdkLogRecords(logs: readonly OtlpLog[]): Promise<ReadableLogRecord[]> {
	const records: ReadableLogRecord[] = [];
	const services = [...new Set(logs.map((log) => log.service))];
	for (const service of services) {
		const exporter = new InMemoryLogRecordExporter();
		const provider = new LoggerProvider({
			resource: resourceFromAttributes({'service.name': service, 'host.name': 'node-7'}),
			processors: [new SimpleLogRecordProcessor({exporter})],
		});
		for (const log of logs.filter((each) => each.service === service)) {
			const logger = provider.getLogger(log.scope ?? 'shop', '1.2.3');
			const spanContext = {traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED};
			logger.emit({
				...(log.severityNumber === undefined ? {} : {severityNumber: log.severityNumber}),
				...(log.severityText === undefined ? {} : {severityText: log.severityText}),
				...(log.body === undefined ? {} : {body: log.body as never}),
				...(log.attributes === undefined ? {} : {attributes: log.attributes}),
				...(log.time === undefined ? {} : {timestamp: log.time}),
				...(log.traced ? {context: trace.setSpanContext(context.active(), spanContext)} : {}),
			});
		}

		await provider.forceFlush();
		records.push(...exporter.getFinishedLogRecords());
		await provider.shutdown();
	}

	return records;
}

/** The `otlp_proto` bytes of one request holding `logs`. */
export async function otlpProtoRequest(logs: readonly OtlpLog[]): Promise<Buffer> {
	const bytes = ProtobufLogsSerializer.serializeRequest(await sdkLogRecords(logs));
	if (!bytes) throw new Error('the SDK serialised nothing');
	return Buffer.from(bytes);
}

/** The `otlp_json` text of one request holding `logs`. */
export async function otlpJsonRequest(logs: readonly OtlpLog[]): Promise<string> {
	const bytes = JsonLogsSerializer.serializeRequest(await sdkLogRecords(logs));
	if (!bytes) throw new Error('the SDK serialised nothing');
	return Buffer.from(bytes).toString('utf8');
}

export {SeverityNumber};
