import type {ServiceFilter} from '../../store/filter/filter-spec.js';
import {nextServicesPanel, type ServicesPanel} from '../services-panel.js';
import {clamp, type Reducers} from './state.js';

/** The services: which are shown, the services list's cursor and panel, and the focus. */

export type ServiceAction =
	| {type: 'toggleFocus'}
	/** `S`: the panel after the one drawn now (`from`, which may be the width's default). */
	| {type: 'cycleServicesPanel'; from: ServicesPanel}
	| {type: 'toggleService'; service: string}
	| {type: 'soloService'; service: string}
	/** Hidden services become the shown ones and the other way round. */
	| {type: 'invertServices'}
	| {type: 'showAllServices'}
	| {type: 'serviceCursor'; delta: number; count: number; pageSize: number};

function toggleInSet(set: ReadonlySet<string>, item: string): Set<string> {
	const next = new Set(set);
	if (next.has(item)) next.delete(item);
	else next.add(item);
	return next;
}

/** Toggle one service: in include (solo) mode it joins/leaves the shown set, else the hidden set. */
export function toggleService(filter: ServiceFilter, service: string): ServiceFilter {
	const services = toggleInSet(filter.services, service);
	if (filter.mode === 'include' && services.size === 0) return {mode: 'exclude', services};
	return {mode: filter.mode, services};
}

/** Solo a service; soloing the only shown service again shows all. */
export function soloService(filter: ServiceFilter, service: string): ServiceFilter {
	if (filter.mode === 'include' && filter.services.size === 1 && filter.services.has(service)) {
		return {mode: 'exclude', services: new Set()};
	}
	return {mode: 'include', services: new Set([service])};
}

/**
 * Invert a service filter: hiding some ↔ showing only them. Nothing hidden stays as
 * it is (its inverse would hide every service, an empty screen that helps nobody).
 */
export function invertServiceFilter(filter: ServiceFilter): ServiceFilter {
	if (filter.services.size === 0) return filter;
	return {mode: filter.mode === 'include' ? 'exclude' : 'include', services: filter.services};
}

/** True when the service filter hides `service`. */
export function isServiceHidden(filter: ServiceFilter, service: string): boolean {
	return filter.mode === 'include' ? !filter.services.has(service) : filter.services.has(service);
}

export const SERVICE_REDUCERS: Reducers<ServiceAction> = {
	toggleFocus(state) {
		// Focusing a hidden panel brings it back (as the terminal's width has it).
		if (state.focus === 'log' && state.servicesPanel === 'hidden')
			return {...state, focus: 'services', servicesPanel: undefined};
		return {...state, focus: state.focus === 'log' ? 'services' : 'log'};
	},
	cycleServicesPanel: (state, action) => ({...state, servicesPanel: nextServicesPanel(action.from)}),
	toggleService: (state, action) => ({...state, services: toggleService(state.services, action.service)}),
	soloService: (state, action) => ({...state, services: soloService(state.services, action.service)}),
	invertServices: (state) => ({...state, services: invertServiceFilter(state.services)}),
	showAllServices: (state) => ({...state, services: {mode: 'exclude', services: new Set()}}),
	serviceCursor(state, action) {
		if (action.count === 0) return {...state, serviceCursor: 0, serviceScroll: 0};
		const cursor = clamp(state.serviceCursor + action.delta, 0, action.count - 1);
		const page = Math.max(1, action.pageSize);
		let scroll = state.serviceScroll;
		if (cursor < scroll) scroll = cursor;
		if (cursor >= scroll + page) scroll = cursor - page + 1;
		scroll = clamp(scroll, 0, Math.max(0, action.count - page));
		return {...state, serviceCursor: cursor, serviceScroll: scroll};
	},
};
