import {describe, expect, it} from 'vitest';
import {seededRandom} from '../../../source/shared/seeded-random.js';
import {clusterEnd} from '../../../source/terminal-text/cluster-boundary.js';

function clusters(text: string): string[] {
	const result: string[] = [];
	for (let index = 0; index < text.length; ) {
		const end = clusterEnd(text, index);
		result.push(text.slice(index, end));
		index = end;
	}
	return result;
}

const segmenter = new Intl.Segmenter();
function reference(text: string): string[] {
	return [...segmenter.segment(text)].map((part) => part.segment);
}

describe('clusterEnd', () => {
	it('agrees with Intl.Segmenter on the clusters terminals meet', () => {
		const samples = [
			'plain ascii',
			'e\u0301 a\u0308\u0301 Z̤͔ͧ̑̓ä͖̭̈̇',
			'👨‍👩‍👧‍👦 family, 👍🏽 skin tone, ❤️ heart, 1️⃣ keycap, 🏳️‍🌈 flag',
			'🇩🇪🇫🇷🇮 flags and a lone indicator',
			'각 \u1100\u1161\u11a8 jamo 한국어',
			'क्षत्रिय नमस्ते हिन्दी বাংলা ગુજરાતી ଓଡ଼ିଆ తెలుగు മലയാളം',
			'ค่ำ ไทย ລາວ',
			'日本語 ﾃﾞｰﾀ カタカナ',
			'a\r\nb\nc\rd',
			'\u0600\u0661 prepend',
		];
		for (const sample of samples) expect(clusters(sample), sample).toEqual(reference(sample));
	});

	it('agrees with Intl.Segmenter on random mixes of joiners and bases', () => {
		const pieces = [
			'a',
			'é',
			'e',
			'\u0301',
			'\u200d',
			'👨',
			'👩',
			'🏽',
			'\ufe0f',
			'🇩',
			'🇪',
			'क',
			'\u094d',
			'ष',
			'\u1100',
			'\u1161',
			'\u11a8',
			'각',
			'日',
			' ',
			'ค',
			'\u0e48',
			'\u0e33',
		];
		const random = seededRandom(42);
		for (let round = 0; round < 2000; round++) {
			let text = '';
			const length = 1 + Math.floor(random() * 12);
			for (let index = 0; index < length; index++) text += pieces[Math.floor(random() * pieces.length)];
			expect(clusters(text), JSON.stringify(text)).toEqual(reference(text));
		}
	});
});
