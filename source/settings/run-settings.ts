import type {ParseSettings} from '../record/parse-record.js';
import type {FilterSpec} from '../store/filter/filter-spec.js';
import type {StartPosition} from '../stream/start-position.js';

/** Default number of recent records the viewer starts with. */
export const DEFAULT_TAIL = 200;
/** Default `--timeout`: how long `--exit` waits for a broker before giving up. */
export const DEFAULT_TIMEOUT_SECONDS = 15;
/** Default topic. */
export const DEFAULT_TOPIC = 'logs';
/** Brokers when neither `--brokers` nor `KAFKA_BROKERS` says. */
export const DEFAULT_BROKERS = 'localhost:9092';
/** The services `klog-tui demo` plays by default. */
export const DEFAULT_DEMO_SERVICES = ['api', 'auth', 'payments', 'worker'] as const;
/** Records per second per service the demo sends by default. */
export const DEFAULT_DEMO_RATE = 2;
/** Partitions of a topic the demo creates. */
export const DEMO_PARTITIONS = 3;

/** Settings shared by both commands. */
export type CommonSettings = {
	/** `host:port` addresses, as kafkajs wants them. */
	brokers: string[];
	allowProduce: boolean;
	/** Where kafkajs logs go; undefined = nowhere. */
	logFile: string | undefined;
	/** The flags as meow parsed them (camelCase keys), for settings resolved elsewhere (security). */
	rawFlags: Readonly<Record<string, unknown>>;
};

/** `klog-tui [options]`: watch the topic, in the TUI or as plain lines. */
export type ViewerSettings = CommonSettings & {
	command: 'view';
	/** `plain` when asked (--plain, --exit, --output json) or when stdout is not a terminal. */
	mode: 'tui' | 'plain';
	topics: string[];
	/** `-t '/regex/'`: every topic that matches is read too (stream/topic-pattern.ts). */
	topicPatterns: string[];
	/** `--group` as given (trimmed), else undefined: a fresh per-run id with `groupPrefix`. */
	group: string | undefined;
	groupPrefix: string | undefined;
	/** `--without-group`: read straight from the partition leaders, no consumer group at all. */
	withoutGroup: boolean;
	start: StartPosition;
	/** `--until`: each partition stops at the first record at or after this time (ms). */
	until: number | undefined;
	output: 'text' | 'json';
	/** Stop once caught up with the end of the topic (plain mode). */
	exitAtEnd: boolean;
	/** How long `--exit` waits for a broker, in ms. */
	timeoutMs: number;
	/** The flag filters, in the store's terms, so they mean what the TUI's filters mean. */
	filter: FilterSpec;
	maxRecords: number;
	/** `--commit` (only with `--group`). */
	commit: boolean;
	/** `--join-live-group` (only with `--group`): join even when the group has live members. */
	joinLiveGroup: boolean;
	/** Plain output in colour: no `--no-color`, no `NO_COLOR`, and `FORCE_COLOR` or a terminal. */
	colour: boolean;
	/** The TUI reads the mouse (wheel, clicks): `--mouse`/`--no-mouse`, else the config file; unset: on. */
	mouse: boolean | undefined;
	/** How records are read: the config file's `fields` and `timeZone` (none from the command line). */
	parse?: ParseSettings;
};

/** The codecs Kafka has; `klog-tui demo --compression` writes with any of them. */
export const COMPRESSIONS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

/** `klog-tui demo [options]`: play services that send demo logs. */
export type DemoSettings = CommonSettings & {
	command: 'demo';
	topic: string;
	/** Records per second per service (may be below 1). */
	rate: number;
	services: string[];
	/** Stop after this many records in all; undefined = run until stopped. */
	count: number | undefined;
	/** Partitions of the topic when the demo has to create it. */
	partitions: number;
	/** Codec of the batches the demo writes. */
	compression: Compression;
};

/** `klog-tui lag [options]`: the consumer groups reading the topics, and their lag. */
export type LagSettings = CommonSettings & {
	command: 'lag';
	topics: string[];
	output: 'text' | 'json';
};

/** A valid command line, typed. */
export type RunSettings = ViewerSettings | DemoSettings | LagSettings;

/** What reading the command line comes to: run, print help or version, or refuse with one line. */
export type CliParseResult =
	| {kind: 'run'; config: RunSettings}
	| {kind: 'help'; text: string}
	| {kind: 'version'; text: string}
	| {kind: 'error'; message: string};
