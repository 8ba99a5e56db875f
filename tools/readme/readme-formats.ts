/**
 * The README's "Log formats" table, made from the record-shape table
 * (source/record/shapes/record-shapes.ts): one row per shape, with the fields that recognise it
 * and where its service, level, time, message and ids live. Pure: data in, Markdown out.
 */
import {type FieldPath, pathLabel} from '../../source/record/shapes/field-path.js';
import type {RecordShape} from '../../source/record/shapes/record-shape.js';

type Markdown = {
	codeSpan: (text: string) => string;
	inlineMarkdown: (text: string) => string;
	markdownTable: (header: readonly string[], rows: readonly (readonly string[])[]) => string;
};

/** Paths as code spans, `a, b` (a list cut after three, the rest counted). */
function paths(list: readonly FieldPath[] | undefined, code: Markdown['codeSpan']): string {
	if (list === undefined || list.length === 0) return '';
	const shown = list.slice(0, 3).map((path) => code(pathLabel(path)));
	return list.length > 3 ? `${shown.join(', ')} +${list.length - 3}` : shown.join(', ');
}

function recognisedBy(shape: RecordShape, code: Markdown['codeSpan']): string {
	if (shape.match === undefined) return shape.id === 'generic' ? 'no other row' : 'read as any other JSON';
	return shape.match.map((set) => set.map((path) => code(pathLabel(path))).join(' + ')).join(' or ');
}

function messageCell(shape: RecordShape, code: Markdown['codeSpan']): string {
	const parts = [paths(shape.message, code)];
	if (shape.messageTemplate) parts.push(`template ${paths(shape.messageTemplate.from, code)}`);
	if (shape.unwrap) parts.push(`JSON in ${paths(shape.unwrap, code)} unwrapped`);
	return parts.filter((part) => part !== '').join('; ');
}

function levelCell(shape: RecordShape, code: Markdown['codeSpan']): string {
	const level = paths(shape.level, code);
	return shape.defaultLevel ? `${level}, else ${shape.defaultLevel}` : level;
}

function idsCell(shape: RecordShape, code: Markdown['codeSpan']): string {
	return [paths(shape.traceId, code), paths(shape.spanId, code)].filter((part) => part !== '').join(' / ');
}

/** The section's content. */
export function renderFormats(shapes: readonly RecordShape[], markdown: Markdown): string {
	const {codeSpan, inlineMarkdown, markdownTable} = markdown;
	const rows = shapes.map((shape) => [
		inlineMarkdown(shape.name),
		recognisedBy(shape, codeSpan),
		[paths(shape.service, codeSpan), shape.host ? `host ${paths(shape.host, codeSpan)}` : '']
			.filter((part) => part !== '')
			.join('; '),
		levelCell(shape, codeSpan),
		paths(shape.time, codeSpan),
		messageCell(shape, codeSpan),
		idsCell(shape, codeSpan),
	]);
	return [
		'The first row whose fields a record has says where its service, level, time and message are ' +
			'(in each cell, the first field present wins; `a.b` is a nested field or a key spelled with the dot). ' +
			"A shipper's envelope is unwrapped: the application's own JSON, found as a string or an object in " +
			"the named field, is read as a record of its own, and the envelope's fields fill in what it lacks. " +
			'The host is the service only when neither the record key (when it reads like a name) nor a ' +
			'`service`/`service.name`/`app` header names one.',
		'',
		markdownTable(['Shape', 'Recognised by', 'Service', 'Level', 'Time', 'Message', 'Trace / span id'], rows),
	].join('\n');
}
