/**
 * The layers of source/ (drawn in DEVELOPERS.md) as data: each may import itself and the
 * layers it lists, nothing above; every layer may use shared/ (a few generic helpers). `npm run lint` runs this; type-only imports count.
 */
const LAYERS = [
	{name: 'shared', path: '^source/shared/', uses: []},
	{name: 'record', path: '^source/record/', uses: []},
	{name: 'store', path: '^source/store/', uses: ['record', 'stream']},
	{name: 'terminal-text', path: '^source/terminal-text/', uses: ['record', 'store', 'stream']},
	{name: 'stream', path: '^source/stream/', uses: ['record']},
	{name: 'settings', path: '^source/settings/', uses: ['record', 'store', 'stream']},
	{name: 'demo-logs', path: '^source/demo-logs/', uses: ['record']},
	{name: 'kafka', path: '^source/kafka(/|\\.ts$)', uses: ['record', 'stream', 'settings']},
	{
		name: 'session',
		path: '^source/session/',
		uses: ['record', 'store', 'stream', 'settings', 'kafka', 'demo-logs'],
	},
	{name: 'view', path: '^source/view/', uses: ['record', 'store', 'terminal-text', 'stream', 'settings']},
	{name: 'export', path: '^source/export/', uses: ['record', 'store', 'terminal-text']},
	{name: 'hooks', path: '^source/hooks/', uses: ['record', 'store', 'terminal-text', 'stream', 'view']},
	{
		name: 'components',
		path: '^source/components/',
		uses: ['record', 'store', 'terminal-text', 'stream', 'view', 'hooks'],
	},
	{
		name: 'app',
		path: '^source/app\\.tsx$',
		uses: ['record', 'store', 'terminal-text', 'stream', 'view', 'hooks', 'components', 'export'],
	},
	{name: 'render', path: '^source/render/', uses: []},
	{
		name: 'tui',
		path: '^source/tui(/|\\.ts$)',
		uses: [
			'record',
			'store',
			'terminal-text',
			'stream',
			'settings',
			'kafka',
			'session',
			'view',
			'app',
			'render',
		],
	},
	{
		name: 'plain',
		path: '^source/plain(/|\\.ts$)',
		uses: ['record', 'store', 'terminal-text', 'stream', 'settings', 'kafka', 'session'],
	},
	{
		name: 'demo',
		path: '^source/demo\\.ts$',
		uses: ['record', 'stream', 'settings', 'kafka', 'session', 'demo-logs'],
	},
	{name: 'lag', path: '^source/lag\\.ts$', uses: ['record', 'stream', 'settings', 'kafka', 'terminal-text']},
	{name: 'cli', path: '^source/cli(/|\\.tsx$)', uses: ['*']},
];

/** Outside source/: test, bench and scripts share tools/, and none imports another. */
const SIDES = [
	{name: 'tools', path: '^tools/', uses: []},
	{name: 'test', path: '^(test/|vitest\\.config\\.ts$)', uses: ['tools']},
	{name: 'bench', path: '^bench/', uses: ['tools']},
	{name: 'scripts', path: '^scripts/', uses: ['tools']},
];

const byName = Object.fromEntries([...LAYERS, ...SIDES].map((layer) => [layer.name, layer]));

const layerRules = LAYERS.filter((layer) => !layer.uses.includes('*')).map((layer) => ({
	name: `layer-${layer.name}`,
	comment: `source/ ${layer.name} may import only: ${layer.uses.join(', ') || 'nothing of ours'}`,
	severity: 'error',
	from: {path: layer.path},
	to: {
		path: '^source/',
		pathNot: [layer.path, byName.shared.path, ...layer.uses.map((name) => byName[name].path)],
	},
}));

const sideRules = SIDES.map((side) => ({
	name: `side-${side.name}`,
	comment: `${side.name} may import source/ and ${side.uses.join(', ') || 'nothing else of ours'}`,
	severity: 'error',
	from: {path: side.path},
	to: {
		path: '^(test|bench|scripts|tools)/',
		pathNot: [side.path, ...side.uses.map((name) => byName[name].path)],
	},
}));

module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			comment: 'No import cycles, type-only imports included.',
			severity: 'error',
			from: {},
			to: {circular: true},
		},
		{
			name: 'source-stays-inside',
			comment: 'The product imports nothing from test, bench, scripts or tools.',
			severity: 'error',
			from: {path: '^source/'},
			to: {path: '^(test|bench|scripts|tools)/'},
		},
		...layerRules,
		...sideRules,
	],
	options: {
		doNotFollow: {path: 'node_modules'},
		exclude: {path: '^(dist|node_modules|bench/out|\\.kafka)/'},
		tsPreCompilationDeps: true,
		tsConfig: {fileName: 'tsconfig.tools.json'},
	},
};
