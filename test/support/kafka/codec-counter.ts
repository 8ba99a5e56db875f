import {createRequire} from 'node:module';
import {registerCodecs} from '../../../source/kafka/codecs/index.js';

type KafkajsCodec = {decompress(buffer: Buffer): Promise<Buffer>};

/**
 * Counts the batches this thread's kafkajs decompresses, per codec type (1 gzip, 2 snappy,
 * 3 lz4, 4 zstd), around klog-tui's registered codecs: proof that records arrived compressed
 * with the codec under test (a producer that quietly sent them uncompressed would otherwise
 * pass). `restore()` puts the codecs back.
 */
export function countDecompressions(): {counts: Map<number, number>; restore(): void} {
	registerCodecs();
	const table: Record<number, () => KafkajsCodec> = createRequire(import.meta.url)(
		'kafkajs',
	).CompressionCodecs;
	const counts = new Map<number, number>();
	const originals = new Map<number, () => KafkajsCodec>();
	for (const type of [1, 2, 3, 4]) {
		const original = table[type]!;
		originals.set(type, original);
		table[type] = () => {
			const codec = original();
			return {
				...codec,
				async decompress(buffer: Buffer) {
					counts.set(type, (counts.get(type) ?? 0) + 1);
					return codec.decompress(buffer);
				},
			};
		};
	}
	return {
		counts,
		restore() {
			for (const [type, original] of originals) table[type] = original;
		},
	};
}
