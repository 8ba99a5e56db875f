import type {ConnectionState} from '../stream/stream-status.js';

/** How long our group may rebalance before plain output says so on stderr. */
export const LONG_REBALANCE_MS = 5000;

export type RebalanceNotice = {
	/** The stream's state changed. */
	state(state: ConnectionState): void;
	dispose(): void;
};

/**
 * Plain output's word on stderr about a rebalance of the group it reads in (never on stdout,
 * which is the records'): a short one says nothing, as records go on within a second; one that
 * lasts `afterMs` (while stdout is a full pipe, kafkajs cannot rejoin until the held batch
 * returns) says so once, and once more when the group reads again, as `kcat -G` tells of its
 * rebalances on stderr.
 */
export function createRebalanceNotice(
	groupId: string,
	log: (line: string) => void,
	afterMs = LONG_REBALANCE_MS,
): RebalanceNotice {
	let timer: NodeJS.Timeout | undefined;
	let said = false;
	const seconds = Math.round(afterMs / 100) / 10;
	return {
		state(state) {
			if (state.kind === 'rebalancing') {
				if (timer || said) return;
				timer = setTimeout(() => {
					timer = undefined;
					said = true;
					log(`klog-tui: consumer group '${groupId}' is rebalancing (for ${seconds}s); records wait for it`);
				}, afterMs);
				timer.unref?.();
				return;
			}
			clearTimeout(timer);
			timer = undefined;
			// Reconnecting or stopped say so themselves; only the way back to reading is ours.
			if (said && state.kind === 'live')
				log(`klog-tui: consumer group '${groupId}' rebalanced; reading again`);
			said = false;
		},
		dispose() {
			clearTimeout(timer);
			timer = undefined;
		},
	};
}
