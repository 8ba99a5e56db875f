import {Box, useApp, useStdout} from 'ink';
import {useEffect, useMemo, useRef} from 'react';
import {DetailView, detailBodyRows, detailMaxScroll} from './components/detail-view.js';
import {Footer} from './components/footer.js';
import {Header, type TuiInfo} from './components/header.js';
import {HelpOverlay} from './components/help-overlay.js';
import {HuntView} from './components/hunt-view.js';
import {LagPanel} from './components/lag-panel.js';
import type {LogLineLayout} from './components/log-line.js';
import {LogPane, logRowOwners, logRows} from './components/log-pane.js';
import {PartitionPanel} from './components/partition-panel.js';
import {SeekMenu} from './components/seek-menu.js';
import {ServiceList, serviceRows} from './components/service-list.js';
import {TimelinePanel, timelineBarRows} from './components/timeline-panel.js';
import {isTooSmall, TooSmall} from './components/too-small.js';
import {exportView} from './export/export-view.js';
import {useFooterKeys} from './hooks/use-footer-keys.js';
import {useFooterMessage} from './hooks/use-footer-message.js';
import {useHunt} from './hooks/use-hunt.js';
import {useKeyBindings} from './hooks/use-key-bindings.js';
import {useLag} from './hooks/use-lag.js';
import {useLogStoreVersion} from './hooks/use-log-store.js';
import {useMouse} from './hooks/use-mouse.js';
import {useSavedFilters} from './hooks/use-saved-filters.js';
import {useSearch} from './hooks/use-search.js';
import {useStreamStatus} from './hooks/use-stream-status.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {useViewState} from './hooks/use-view-state.js';
import type {SavedFilterStore} from './store/filter/saved-filters.js';
import type {LogStore} from './store/log-store-types.js';
import type {LagSource} from './stream/lag-source.js';
import type {StreamController} from './stream/stream-controller.js';
import type {StreamStatusStore} from './stream/stream-status.js';
import {isTopicPatternText} from './stream/topic-pattern.js';
import {dayOf} from './terminal-text/format-time.js';
import type {MouseSource} from './terminal-text/mouse-report.js';
import {clipboardCopy} from './terminal-text/osc52.js';
import type {ServiceColourOverrides} from './terminal-text/service-colour.js';
import type {CommandEnv} from './view/commands/command-env.js';
import {handleCommand} from './view/commands/context-handlers.js';
import {runMouseIntent} from './view/commands/mouse-commands.js';
import {commitTimeJump} from './view/commands/timeline-commands.js';
import {detailRows} from './view/detail-rows.js';
import type {HuntRunner} from './view/hunt/hunt-runner.js';
import type {KeyContext, ResolvedKey} from './view/keys/key-types.js';
import {lagTableRows} from './view/lag/lag-panel-lines.js';
import {computeLayout} from './view/layout.js';
import {mouseIntent} from './view/mouse-intent.js';
import {timeJumpHint} from './view/time-jump.js';
import {timelineModel} from './view/timeline-view.js';
import {
	initialViewState,
	liveFilterText,
	panePosition,
	splitFilterTerms,
	type ViewIndex,
	type ViewState,
	viewReducer,
} from './view/view-state.js';

export type {TuiInfo} from './components/header.js';

/** What the root component needs: the store and stream outside React, and where we read from. */
export type AppProps = {
	store: LogStore;
	status: StreamStatusStore;
	controller: StreamController;
	info: TuiInfo;
	/** Fixed size (tests); otherwise the terminal's size, following resizes. */
	width?: number;
	height?: number;
	/** Where `x` writes its export; default the working directory. */
	exportDirectory?: string;
	/** Colours chosen in the config file, by service name (they win over the hashed colours). */
	serviceColours?: ServiceColourOverrides | undefined;
	/** Where `B` saves the filter line and `b` recalls it from (the config file); none: off. */
	savedFilters?: SavedFilterStore | undefined;
	/** The consumer groups of the topics for the lag panel (`L`); none: `L` is off. */
	lag?: LagSource | undefined;
	/** Runs `H`'s hunts and `C`'s context reads; none (the demo, tests): `H` says it is off. */
	hunter?: HuntRunner | undefined;
	/** The terminal's mouse reports (wheel, clicks); none: the mouse is off. */
	mouse?: MouseSource | undefined;
};

function initialStateFrom(store: LogStore): ViewState {
	const filter = store.filter;
	return {
		...initialViewState(),
		services: filter.services,
		minLevel: filter.minLevel,
		filterText: filter.terms.join(' '),
	};
}

/** The root component: header, services, log pane, partitions, footer, overlays; keys to actions. */
export function App({
	store,
	status: statusStore,
	controller,
	info,
	width,
	height,
	exportDirectory,
	serviceColours,
	savedFilters: savedFilterStore,
	lag: lagSource,
	hunter,
	mouse,
}: AppProps) {
	const {exit} = useApp();
	const {stdout} = useStdout();
	const {columns, rows} = useTerminalSize(width, height);
	const version = useLogStoreVersion(store);
	const status = useStreamStatus(statusStore);
	const [view, dispatch] = useViewState(viewReducer, store, initialStateFrom);
	const say = useFooterMessage(view.message, dispatch);

	// The store filters; the view state says how. Typing a filter applies it live.
	const filterText = liveFilterText(view);
	useEffect(() => {
		store.setFilter({services: view.services, minLevel: view.minLevel, terms: splitFilterTerms(filterText)});
	}, [store, view.services, view.minLevel, filterText]);

	const savedFilters = useSavedFilters(savedFilterStore, view.filterText, say, dispatch);
	const hunt = useHunt(hunter, view, say, dispatch);

	const layout = computeLayout(columns, rows, view, status.partitions.length);
	const pageSize = Math.max(1, logRows(layout.main));
	// version is read so every store change recomputes what depends on the store.
	const services = useMemo(() => (version >= 0 ? store.services() : []), [store, version]);
	const index: ViewIndex = useMemo(
		() => ({length: version >= 0 ? store.viewLength : 0, seqAt: (at: number) => store.seqAt(at)}),
		[store, version],
	);
	const position = panePosition(view, index);
	const lag = useLag(lagSource, view.overlay.kind === 'lag');

	const search = useSearch(store, view);
	const matchCount = search && version >= 0 ? store.searchMatches : undefined;

	const overlayRecord = view.overlay.kind === 'detail' ? view.overlay.seq : undefined;
	const detail = useMemo(() => {
		if (overlayRecord === undefined) return undefined;
		const at = store.indexOfSeq(overlayRecord);
		const line = at >= 0 ? store.slice(at, at + 1)[0] : undefined;
		return line ? detailRows(line) : undefined;
	}, [store, overlayRecord]);

	const context: KeyContext =
		view.overlay.kind !== 'none' ? view.overlay.kind : hunt.screen ? 'hunt' : view.focus;

	// What a key's command reads and may do this frame (see view/commands/).
	const env: CommandEnv = {
		view,
		index,
		position,
		pageSize,
		columns,
		layout,
		services,
		servicePageSize: serviceRows(layout.main),
		searchTest: search?.test,
		detail,
		detailPage: detailBodyRows(layout.body),
		detailMaxScroll: () => (detail ? detailMaxScroll(detail, columns, layout.body) : 0),
		store,
		controller,
		dispatch,
		say,
		exit,
		startSavedFilterPrompt: (kind) => savedFilters.start(kind),
		exportView: () => exportView(store, exportDirectory),
		copyToClipboard: (text) => {
			const copied = clipboardCopy(text);
			stdout.write(copied.sequence);
			return copied;
		},
		hunt,
		now: Date.now,
		lag: lag && {groups: lag.groups.length, pageRows: lagTableRows(lag, layout.body)},
	};
	const onCommand = (resolved: ResolvedKey) => handleCommand(context, env, resolved);
	// While a line is typed the footer shows the main view's keys, for after it.
	const footerContext = view.input.kind === 'none' ? context : 'log';
	const footerKeys = useFooterKeys(footerContext, env, status.paused);

	useKeyBindings({
		context,
		input: view.input,
		onCommand,
		onInputChange: (text) => dispatch({type: 'inputChange', text}),
		onInputCommit: () =>
			savedFilters.commit(view.input) ||
			commitTimeJump(view.input, env) ||
			hunt.commit(view.input) ||
			dispatch({type: 'inputCommit'}),
		onInputCancel: () => dispatch({type: 'inputCancel'}),
	});

	// Which view position each row of the log pane shows: set below, once the frame's lines are known.
	const logIndexAtRow = useRef<(row: number) => number | undefined>(() => undefined);
	useMouse(mouse, (report) => {
		if (isTooSmall(columns, rows)) return;
		const frame = {context, typing: view.input.kind !== 'none', layout, serviceScroll: view.serviceScroll};
		const intent = mouseIntent(report, {...frame, serviceCount: services.length});
		if (intent) runMouseIntent(intent, env, logIndexAtRow.current);
	});

	// A key's frame redraws what the key changed: what is read from the store is kept per store
	// version, so the panels it feeds (memoised) are not worked out again.
	const start = Math.max(0, position.bottom - pageSize + 1);
	const lines = useMemo(
		() => (version >= 0 && position.bottom >= 0 ? store.slice(start, position.bottom + 1) : []),
		[store, version, start, position.bottom],
	);
	const readings = useMemo(
		() => ({
			rate: version >= 0 ? store.rate : 0,
			rateHistory: store.rateHistory,
			errorHistory: store.errorHistory,
		}),
		[store, version],
	);
	const timelineRows = timelineBarRows(layout.timeline);
	const timeline = useMemo(
		() =>
			version >= 0 && timelineRows > 0
				? timelineModel(store.timeline, view.timeline, columns, timelineRows)
				: undefined,
		[store, version, view.timeline, columns, timelineRows],
	);
	let serviceWidth = 4;
	for (const service of services) serviceWidth = Math.max(serviceWidth, service.service.length);
	// Several topics: a topic column as wide as the longest name (bounded), before the service.
	let topicWidth = 0;
	// A pattern's topics are not known ahead: the bound.
	const pattern = info.topics.some(isTopicPatternText);
	if (info.topics.length > 1 || pattern) {
		for (const topic of info.topics) topicWidth = Math.max(topicWidth, topic.length);
		topicWidth = (pattern ? 16 : Math.min(16, topicWidth)) + 1;
	}
	// Dates in the time column while any line on screen is from another day than today.
	const today = dayOf(Date.now());
	const dated = lines.some((line) => Number.isFinite(line.time) && dayOf(line.time) !== today);
	const highlight = search?.term;
	const lineLayout: LogLineLayout = useMemo(
		() => ({
			dated,
			width: layout.logWidth,
			serviceWidth: Math.min(16, serviceWidth),
			offsetWidth: view.showOffsets ? 12 : 0,
			highlight,
			topicWidth,
			serviceColours,
		}),
		[dated, layout.logWidth, serviceWidth, view.showOffsets, highlight, topicWidth, serviceColours],
	);
	if (isTooSmall(columns, rows)) return <TooSmall columns={columns} rows={rows} />;
	logIndexAtRow.current = (row) => {
		const owner = logRowOwners(lines, position.selected - start, lineLayout, view.wrap, pageSize)[row];
		return owner === undefined ? undefined : start + owner;
	};

	let body: React.ReactNode;
	if (view.overlay.kind === 'help') {
		body = <HelpOverlay width={columns} height={layout.body} scroll={view.overlay.scroll} />;
	} else if (view.overlay.kind === 'lag' && lag) {
		body = (
			<LagPanel
				snapshot={lag}
				cursor={view.overlay.cursor}
				topics={info.topics}
				width={columns}
				height={layout.body}
			/>
		);
	} else if (view.overlay.kind === 'seek') {
		body = <SeekMenu choice={view.overlay.choice} width={columns} height={layout.body} />;
	} else if (view.overlay.kind === 'none' && hunt.screen) {
		body = <HuntView screen={hunt.screen} width={columns} height={layout.body} />;
	} else if (view.overlay.kind === 'detail') {
		body = (
			<DetailView
				rows={detail ?? [{text: 'this record left the buffer', kind: 'meta'}]}
				scroll={view.overlay.scroll}
				field={view.overlay.field}
				width={columns}
				height={layout.body}
			/>
		);
	} else {
		body = (
			<Box flexDirection="column" width={columns} height={layout.body} overflowY="hidden">
				{timeline ? (
					<TimelinePanel
						model={timeline}
						focused={view.focus === 'timeline'}
						width={columns}
						height={layout.timeline}
					/>
				) : null}
				<Box flexDirection="row" width={columns} height={layout.main} overflowY="hidden">
					{layout.servicesWidth > 0 ? (
						<>
							<ServiceList
								services={services}
								cursor={view.serviceCursor}
								scroll={view.serviceScroll}
								focused={view.focus === 'services'}
								narrow={layout.servicesPanel === 'narrow'}
								width={layout.servicesWidth}
								height={layout.main}
								serviceColours={serviceColours}
							/>
							<Box width={1} />
						</>
					) : null}
					<LogPane
						lines={lines}
						selected={position.selected - start}
						layout={lineLayout}
						wrap={view.wrap}
						following={view.follow}
						backlog={status.paused ? status.totalLag : undefined}
						viewLength={index.length}
						filterError={store.filterError}
						matchCount={matchCount}
						height={layout.main}
					/>
				</Box>
				{layout.partitions > 0 ? (
					<PartitionPanel partitions={status.partitions} width={columns} height={layout.partitions} />
				) : null}
			</Box>
		);
	}

	return (
		<Box flexDirection="column" width={columns} height={rows} overflowY="hidden">
			<Header
				info={info}
				status={status}
				rate={readings.rate}
				rateHistory={readings.rateHistory}
				errorHistory={readings.errorHistory}
				buffered={store.size}
				total={store.total}
				width={columns}
			/>
			{body}
			<Footer
				view={view}
				keys={footerKeys}
				filterError={store.filterError}
				inputHint={
					savedFilters.hint(view.input) ??
					hunt.hint(view.input) ??
					(view.input.kind === 'jumpTime' ? timeJumpHint(view.input.text, Date.now()) : undefined)
				}
				width={columns}
			/>
		</Box>
	);
}
