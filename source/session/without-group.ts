import type {ViewerSettings} from '../settings/run-settings.js';

/**
 * Whether plain output reads without a consumer group: `--without-group`, or any read that ends
 * at the end (`--exit`, or `--until`), with or without `--grep`, from any start, unless the user
 * named a group (`--group`, and so `--commit`). Such a run's own group commits nothing and is
 * left at the end, so it only cost time: on a broker with Kafka's defaults the join waits
 * `group.initial.rebalance.delay.ms` (3 s), and on the way out kafkajs' stop waits for the
 * group's last fetch (`maxWaitTimeInMs`) before a LeaveGroup, about 0.3 s; and it needs a group
 * ACL. kcat -e joins no group either. The TUI (never `--exit`) still joins its own group.
 */
export function readsWithoutGroup(
	config: Pick<ViewerSettings, 'withoutGroup' | 'exitAtEnd' | 'group'>,
): boolean {
	return config.withoutGroup || (config.exitAtEnd && config.group === undefined);
}
