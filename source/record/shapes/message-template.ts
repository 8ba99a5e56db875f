/**
 * Message templates as Serilog and Microsoft.Extensions.Logging write them: `Order {OrderId}
 * took {Elapsed:0.0} ms`, holes named by properties of the record (`{@Order}` and `{$Order}`
 * capture objects and strings; `{{` and `}}` are literal braces). A hole whose property is
 * missing stays as written, as Serilog renders it.
 */

import {compactJson} from '../compact-json.js';

const HOLE = /\{\{|\}\}|\{([@$]?)([^{}:,]+)(?:[,:][^{}]*)?\}/g;

function valueText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return compactJson(value, 200);
}

/** The template with its holes filled from `properties` (the first object that has the name). */
export function renderTemplate(template: string, properties: readonly unknown[]): string {
	if (!template.includes('{') && !template.includes('}')) return template;
	return template.replace(HOLE, (hole, _capture: string | undefined, name: string | undefined) => {
		if (hole === '{{') return '{';
		if (hole === '}}') return '}';
		const key = name!.trim();
		for (const source of properties) {
			if (typeof source !== 'object' || source === null) continue;
			const value = (source as Record<string, unknown>)[key];
			if (value !== undefined && Object.hasOwn(source, key)) return valueText(value);
		}

		return hole;
	});
}
