import type {ViewerSettings} from '../settings/run-settings.js';

/**
 * Whether plain output reads without a consumer group: `--without-group`, or a hunt from the
 * command line (`--grep ... --exit`) in a group of its own making, as the TUI's hunt does
 * (hunt-session.ts). Such a group commits nothing and is left at the end, so it only cost time:
 * joining it while the start window is read, and on the way out a stop that waits for the
 * group's last fetch (`maxWaitTimeInMs`) and a LeaveGroup, about 0.3 s of a hunt through
 * 500k records (bench/RESULTS.md, Hunt). A group the user named (`--group`) is still joined.
 */
export function readsWithoutGroup(
	config: Pick<ViewerSettings, 'withoutGroup' | 'exitAtEnd' | 'group'>,
	filtered: boolean,
): boolean {
	return config.withoutGroup || (filtered && config.exitAtEnd && config.group === undefined);
}
