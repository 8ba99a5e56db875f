import type {KnownLevel} from '../../record/log-record.js';
/** Service filter: `exclude` hides the listed services, `include` shows only them (solo / inverted). */
export type ServiceFilter = {mode: 'exclude' | 'include'; services: ReadonlySet<string>};

/** Everything that decides which records the view shows. Terms combine with AND. */
export type FilterSpec = {
	services: ServiceFilter;
	/** Records below this level are hidden; `unknown` counts as info. */
	minLevel: KnownLevel | undefined;
	/**
	 * Text terms as the user typed them: `text`, `/regex/`, `!text` (exclude),
	 * `!/regex/` (exclude), `field=value` (field filter on the JSON value, dotted path).
	 * Text and regex match message, service and key; text is case-insensitive unless it has capitals.
	 */
	terms: readonly string[];
};
