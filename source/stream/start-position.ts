/** Where the stream starts reading (and where a re-seek moves it). */
export type StartPosition =
	| {kind: 'tail'; count: number}
	| {kind: 'beginning'}
	| {kind: 'end'}
	| {kind: 'since'; time: number};
