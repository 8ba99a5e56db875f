import {once} from 'node:events';
import {workerData} from 'node:worker_threads';
import type {EarlyWorkerData} from './start-worker.js';

/**
 * This worker's data: `workerData`, or, for a worker started before they were known
 * (`prestartWorker`), the one message on the port it was given.
 */
export async function receiveWorkerData(): Promise<unknown> {
	const port = (workerData as Partial<EarlyWorkerData> | undefined)?.earlyDataPort;
	if (port === undefined) return workerData;
	const [data] = (await once(port, 'message')) as [unknown];
	port.close();
	return data;
}
