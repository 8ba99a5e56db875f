import type {StartPosition} from './start-position.js';

/** Whether this run may write to the cluster (demo records). Read-only unless allowed. */
export type ProducePermission = {allowed: true} | {allowed: false; reason: string};

/**
 * What the TUI may ask of the running stream. The real one is built in the CLI on top of
 * `source/kafka.ts`; the UI only sees this shape.
 */
export type StreamController = {
	pause(): void;
	resume(): void;
	readonly paused: boolean;
	/** Re-read from another position without restarting (the view is cleared, filters kept). */
	seek(start: StartPosition): Promise<void>;
	readonly producePermission: ProducePermission;
	/** Send a burst of demo records to the topic; resolves with how many were sent. */
	sendDemoBurst(count?: number): Promise<number>;
	/** Leave the group and stop; the UI exits after it resolves. */
	quit(): Promise<void>;
};
