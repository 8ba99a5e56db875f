import {Box, useApp} from 'ink';
import {useCallback, useEffect, useMemo, useReducer, useRef} from 'react';
import {DetailView, detailBodyRows, detailMaxScroll} from './components/detail-view.js';
import {Footer} from './components/footer.js';
import {Header, type TuiInfo} from './components/header.js';
import {HelpOverlay} from './components/help-overlay.js';
import type {LogLineLayout} from './components/log-line.js';
import {LogPane, logRows} from './components/log-pane.js';
import {PartitionPanel} from './components/partition-panel.js';
import {SeekMenu} from './components/seek-menu.js';
import {ServiceList, serviceRows} from './components/service-list.js';
import {isTooSmall, TooSmall} from './components/too-small.js';
import {exportView} from './export/export-view.js';
import {useKeyBindings} from './hooks/use-key-bindings.js';
import {useLogStoreVersion} from './hooks/use-log-store.js';
import {useSavedFilters} from './hooks/use-saved-filters.js';
import {useStreamStatus} from './hooks/use-stream-status.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {errorMessage} from './shared/error-message.js';
import {compileTerm, parseFilterTerm} from './store/filter/record-filter.js';
import type {SavedFilterStore} from './store/filter/saved-filters.js';
import {isMark, type LogStore, type ViewLine} from './store/log-store-types.js';
import type {StartPosition} from './stream/start-position.js';
import type {StreamController} from './stream/stream-controller.js';
import type {StreamStatusStore} from './stream/stream-status.js';
import {countOf, formatCount} from './terminal-text/format-count.js';
import {dayOf, formatTime} from './terminal-text/format-time.js';
import type {ServiceColourOverrides} from './terminal-text/service-colour.js';
import {detailRows, fieldFilterTerm} from './view/detail-rows.js';
import {helpScroll} from './view/help-layout.js';
import type {KeyContext, ResolvedKey} from './view/keys/key-types.js';
import {computeLayout} from './view/layout.js';
import {findWrapping, matchOrdinal} from './view/search-jump.js';
import {
	type FooterMessage,
	initialViewState,
	liveFilterText,
	panePosition,
	SEEK_CHOICES,
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
};

/** How long a footer message stays. */
const MESSAGE_MS = 4000;

function initialStateFrom(store: LogStore): ViewState {
	const filter = store.filter;
	return {
		...initialViewState(),
		services: filter.services,
		minLevel: filter.minLevel,
		filterText: filter.terms.join(' '),
	};
}

function isError(line: ViewLine): boolean {
	return !isMark(line) && (line.level === 'error' || line.level === 'fatal');
}

function seekPosition(index: number, now: number): StartPosition {
	const position = SEEK_CHOICES[index]?.position ?? SEEK_CHOICES[0].position;
	if (position.kind === 'since') return {kind: 'since', time: now - position.minutes * 60_000};
	return position;
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
}: AppProps) {
	const {exit} = useApp();
	const {columns, rows} = useTerminalSize(width, height);
	const version = useLogStoreVersion(store);
	const status = useStreamStatus(statusStore);
	const [view, dispatch] = useReducer(viewReducer, store, initialStateFrom);
	const messageId = useRef(0);

	const say = useCallback((text: string, tone: FooterMessage['tone'] = 'info') => {
		messageId.current += 1;
		dispatch({type: 'showMessage', message: {id: messageId.current, text, tone}});
	}, []);

	useEffect(() => {
		if (!view.message) return;
		const id = view.message.id;
		const timer = setTimeout(() => dispatch({type: 'dismissMessage', id}), MESSAGE_MS);
		return () => clearTimeout(timer);
	}, [view.message]);

	// The store filters; the view state says how. Typing a filter applies it live.
	const filterText = liveFilterText(view);
	useEffect(() => {
		store.setFilter({services: view.services, minLevel: view.minLevel, terms: splitFilterTerms(filterText)});
	}, [store, view.services, view.minLevel, filterText]);

	const savedFilters = useSavedFilters(savedFilterStore, view.filterText, say, dispatch);

	const layout = computeLayout(columns, rows, view, status.partitions.length);
	const pageSize = Math.max(1, logRows(layout.main));
	// version is read so every store change recomputes what depends on the store.
	const services = useMemo(() => (version >= 0 ? store.services() : []), [store, version]);
	const index: ViewIndex = useMemo(
		() => ({length: version >= 0 ? store.viewLength : 0, seqAt: (at: number) => store.seqAt(at)}),
		[store, version],
	);
	const position = panePosition(view, index);

	const searchText = view.input.kind === 'search' ? view.input.text : view.searchText;
	const search = useMemo(() => {
		if (searchText.trim() === '') return undefined;
		const term = parseFilterTerm(searchText.trim());
		const compiled = compileTerm(searchText.trim());
		if (compiled.error || term.kind === 'empty') return undefined;
		const test = (line: ViewLine) => !isMark(line) && compiled.test(line);
		return {term, test};
	}, [searchText]);
	// The store keeps the match count up to date as lines come and go (no scan per frame).
	useEffect(() => {
		store.setSearch(search?.test);
	}, [store, search]);
	const matchCount = search && version >= 0 ? store.searchMatches : undefined;

	const overlayRecord = view.overlay.kind === 'detail' ? view.overlay.seq : undefined;
	const detail = useMemo(() => {
		if (overlayRecord === undefined) return undefined;
		const at = store.indexOfSeq(overlayRecord);
		const line = at >= 0 ? store.slice(at, at + 1)[0] : undefined;
		return line ? detailRows(line) : undefined;
	}, [store, overlayRecord]);
	const detailFields = detail ? detail.filter((row) => row.field).length : 0;

	const context: KeyContext = view.overlay.kind === 'none' ? view.focus : view.overlay.kind;

	const jump = (found: number, what: string) => {
		if (found < 0) say(`no ${what}`, 'warn');
		else dispatch({type: 'jumpTo', index: found, view: index, pageSize});
	};

	const onCommand = ({command, argument}: ResolvedKey) => {
		const from = position.selected;
		switch (command) {
			case 'quit':
				exit();
				return;
			case 'toggleHelp':
				dispatch({type: 'toggleHelp'});
				return;
			case 'helpUp':
			case 'helpDown':
			case 'helpPageUp':
			case 'helpPageDown':
				dispatch(helpScroll(command, columns, layout.body));
				return;
			case 'cycleServicesPanel':
				dispatch({type: 'cycleServicesPanel', from: layout.servicesPanel});
				return;
			case 'togglePause':
				if (controller.paused) {
					controller.resume();
					say('resumed');
				} else {
					controller.pause();
					say('paused: fetching stopped, Space resumes');
				}
				return;
			case 'scrollUp':
				dispatch({type: 'scroll', delta: -1, view: index, pageSize});
				return;
			case 'scrollDown':
				dispatch({type: 'scroll', delta: 1, view: index, pageSize});
				return;
			case 'pageUp':
				dispatch({type: 'scrollPage', direction: -1, view: index, pageSize});
				return;
			case 'pageDown':
				dispatch({type: 'scrollPage', direction: 1, view: index, pageSize});
				return;
			case 'top':
				dispatch({type: 'scrollTop', view: index, pageSize});
				return;
			case 'follow':
				dispatch({type: 'follow'});
				return;
			case 'openDetail': {
				const seq = from >= 0 ? store.seqAt(from) : undefined;
				if (seq !== undefined) dispatch({type: 'openDetail', seq});
				return;
			}
			case 'startFilter':
				dispatch({type: 'startInput', kind: 'filter'});
				return;
			case 'startSearch':
				dispatch({type: 'startInput', kind: 'search'});
				return;
			case 'saveFilter':
			case 'recallFilter':
				savedFilters.start(command);
				return;
			case 'nextMatch':
			case 'previousMatch': {
				if (!search) {
					say('no search: f to search', 'warn');
					return;
				}
				const found = findWrapping(store, from, command === 'nextMatch' ? 1 : -1, search.test);
				jump(found.index, 'match in the view');
				if (found.index < 0) return;
				const ordinal = matchOrdinal(store, found.index, search.test);
				say(
					`match ${ordinal} of ${formatCount(store.searchMatches ?? ordinal)}${found.wrapped ? ' (wrapped)' : ''}`,
				);
				return;
			}
			case 'cycleLevel':
				dispatch({type: 'cycleLevel'});
				return;
			case 'nextError':
				jump(store.find(from, 1, isError), 'later error');
				return;
			case 'previousError':
				jump(store.find(from, -1, isError), 'earlier error');
				return;
			case 'nextMark':
				jump(store.find(from, 1, isMark), 'later mark');
				return;
			case 'previousMark':
				jump(store.find(from, -1, isMark), 'earlier mark');
				return;
			case 'toggleServiceNumber': {
				const number = (argument ?? -1) + 1;
				const service = services.find((candidate) => candidate.number === number);
				if (service) dispatch({type: 'toggleService', service: service.service});
				else say(`no service ${number}: ${countOf(services.length, 'service')} so far`, 'warn');
				return;
			}
			case 'toggleFocus':
				dispatch({type: 'toggleFocus'});
				return;
			case 'showAllServices':
				dispatch({type: 'showAllServices'});
				return;
			case 'invertServices':
				if (view.services.services.size === 0) say('no services hidden: nothing to invert', 'warn');
				else dispatch({type: 'invertServices'});
				return;
			case 'serviceUp':
			case 'serviceDown':
				dispatch({
					type: 'serviceCursor',
					delta: command === 'serviceUp' ? -1 : 1,
					count: services.length,
					pageSize: serviceRows(layout.main),
				});
				return;
			case 'toggleCursorService':
			case 'soloCursorService': {
				const service = services[view.serviceCursor];
				if (!service) return;
				dispatch({
					type: command === 'soloCursorService' ? 'soloService' : 'toggleService',
					service: service.service,
				});
				return;
			}
			case 'demoBurst': {
				const permission = controller.producePermission;
				if (!permission.allowed) {
					say(`demo sends disabled: ${permission.reason}`, 'warn');
					return;
				}
				say('sending demo records…');
				controller.sendDemoBurst().then(
					(count) => say(`sent ${count} demo records`),
					(error: unknown) => say(`demo send failed: ${errorMessage(error)}`, 'error'),
				);
				return;
			}
			case 'clearView':
				store.clear();
				dispatch({type: 'viewCleared'});
				say('view cleared (counts kept)');
				return;
			case 'toggleWrap':
				dispatch({type: 'toggleWrap'});
				return;
			case 'toggleOffsets':
				dispatch({type: 'toggleOffsets'});
				return;
			case 'togglePartitions':
				dispatch({type: 'togglePartitions'});
				return;
			case 'addMark': {
				const mark = store.addMark();
				say(`${mark.label} dropped at ${formatTime(mark.time)}`);
				return;
			}
			case 'exportView':
				exportView(store, exportDirectory).then(
					(written) =>
						written
							? say(`exported ${countOf(written.lines, 'line')} to ${written.path}`)
							: say('nothing to export: the view is empty', 'warn'),
					(error: unknown) => say(`export failed: ${errorMessage(error)}`, 'error'),
				);
				return;
			case 'openSeek':
				dispatch({type: 'openSeek'});
				return;
			case 'seekUp':
			case 'seekDown':
				dispatch({type: 'seekChoice', delta: command === 'seekUp' ? -1 : 1});
				return;
			case 'seekChoose': {
				if (view.overlay.kind !== 'seek') return;
				const choice = SEEK_CHOICES[view.overlay.choice]!;
				dispatch({type: 'viewCleared'});
				say(`re-reading ${choice.label}…`);
				controller.seek(seekPosition(view.overlay.choice, Date.now())).then(
					() => say(`re-reading ${choice.label}`),
					(error: unknown) => say(`re-read failed: ${errorMessage(error)}`, 'error'),
				);
				return;
			}
			case 'clearFilters':
				dispatch({type: 'clearAllFilters'});
				return;
			case 'clearTextFilter':
				dispatch({type: 'clearTextFilter'});
				return;
			case 'closeOverlay':
				dispatch({type: 'closeOverlay'});
				return;
			case 'detailUp':
			case 'detailDown':
				dispatch({type: 'detailField', delta: command === 'detailUp' ? -1 : 1, fieldCount: detailFields});
				return;
			case 'detailPageUp':
			case 'detailPageDown': {
				const page = detailBodyRows(layout.body);
				dispatch({
					type: 'detailScroll',
					delta: command === 'detailPageUp' ? -page : page,
					maxScroll: detail ? detailMaxScroll(detail, columns, layout.body) : 0,
				});
				return;
			}
			case 'filterOnField': {
				if (view.overlay.kind !== 'detail' || !detail) return;
				const field = detail.filter((row) => row.field)[view.overlay.field]?.field;
				if (!field) {
					say('this record has no JSON fields to filter on', 'warn');
					return;
				}
				const term = fieldFilterTerm(field);
				dispatch({type: 'addFilterTerm', term});
				dispatch({type: 'closeOverlay'});
				say(`filter added: ${term}`);
				return;
			}
		}
	};

	useKeyBindings({
		context,
		input: view.input,
		onCommand,
		onInputChange: (text) => dispatch({type: 'inputChange', text}),
		onInputCommit: () => savedFilters.commit(view.input) || dispatch({type: 'inputCommit'}),
		onInputCancel: () => dispatch({type: 'inputCancel'}),
	});

	if (isTooSmall(columns, rows)) return <TooSmall columns={columns} rows={rows} />;

	const start = Math.max(0, position.bottom - pageSize + 1);
	const lines = position.bottom >= 0 ? store.slice(start, position.bottom + 1) : [];
	let serviceWidth = 4;
	for (const service of services) serviceWidth = Math.max(serviceWidth, service.service.length);
	// Several topics: a topic column as wide as the longest name (bounded), before the service.
	let topicWidth = 0;
	if (info.topics.length > 1) {
		for (const topic of info.topics) topicWidth = Math.max(topicWidth, topic.length);
		topicWidth = Math.min(16, topicWidth) + 1;
	}
	// Dates in the time column while any line on screen is from another day than today.
	const today = dayOf(Date.now());
	const dated = lines.some((line) => Number.isFinite(line.time) && dayOf(line.time) !== today);
	const lineLayout: LogLineLayout = {
		dated,
		width: layout.logWidth,
		serviceWidth: Math.min(16, serviceWidth),
		offsetWidth: view.showOffsets ? 12 : 0,
		highlight: search?.term,
		topicWidth,
		serviceColours,
	};

	let body: React.ReactNode;
	if (view.overlay.kind === 'help') {
		body = <HelpOverlay width={columns} height={layout.body} scroll={view.overlay.scroll} />;
	} else if (view.overlay.kind === 'seek') {
		body = <SeekMenu choice={view.overlay.choice} width={columns} height={layout.body} />;
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
				rate={store.rate}
				rateHistory={store.rateHistory}
				errorHistory={store.errorHistory}
				buffered={store.size}
				total={store.total}
				width={columns}
			/>
			{body}
			<Footer
				view={view}
				context={view.input.kind === 'none' ? context : 'log'}
				filterError={store.filterError}
				paused={status.paused}
				inputHint={savedFilters.hint(view.input)}
				width={columns}
			/>
		</Box>
	);
}
