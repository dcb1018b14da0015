/**
 * The ways a JSON file on disk goes bad — a crash mid-write, a disk error, another program, a user
 * editing it — shared by the announced-record (chaos) and settings-file tests.
 */
import { createRandom } from '../../sim/generator';

export type CorruptionKind = 'truncated' | 'empty' | 'garbage' | 'invalid-utf8' | 'wrong-types' | 'not-an-object' | 'huge';
export const CORRUPTIONS: readonly CorruptionKind[] = ['truncated', 'empty', 'garbage', 'invalid-utf8', 'wrong-types', 'not-an-object', 'huge'];

/**
 * The bytes of a damaged copy of `valid` (the file's real content). `wrongTypes` is a structurally
 * similar object whose values have the wrong types; `hugeBytes` is above the reader's size limit.
 */
export function corrupt(kind: CorruptionKind, valid: string, wrongTypes: unknown, hugeBytes: number, seed = 1): Buffer {
  const random = createRandom(seed);
  switch (kind) {
    case 'truncated':
      return Buffer.from(valid.slice(0, Math.max(1, Math.floor(valid.length * (0.2 + 0.6 * random())))));
    case 'empty':
      return Buffer.alloc(0);
    case 'garbage':
      return Buffer.from(Array.from({ length: 512 }, () => Math.floor(random() * 256)));
    case 'invalid-utf8':
      return Buffer.concat([Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xa0, 0xa1]), Buffer.from(valid)]);
    case 'wrong-types':
      return Buffer.from(JSON.stringify(wrongTypes));
    case 'not-an-object':
      return Buffer.from('[1,"two",null,{"three":3}]');
    case 'huge':
      return Buffer.from(`{"pad":"${'x'.repeat(hugeBytes)}"}`);
  }
}
