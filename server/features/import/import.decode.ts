import chardet from 'chardet';
import { badField } from '../../http/errors.js';

/** The encodings an import accepts: what Excel writes as "CSV UTF-8" and as "Unicode text". */
export type ImportEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** A decoded file: its text without the byte-order mark, the encoding it came in and its delimiter. */
export interface DecodedFile {
  text: string;
  encoding: ImportEncoding;
  delimiter: ',' | ';' | '\t';
}

function bomOf(b: Uint8Array): { encoding: ImportEncoding; skip: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return null;
}

/** UTF-16 without a mark: one byte in two is zero in text that is mostly ASCII (headers, codes, numbers). */
function bomlessUtf16(b: Uint8Array): ImportEncoding | null {
  const n = Math.min(b.length - (b.length % 2), 2000);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const half = n / 2;
  if (oddZero > half * 0.4 && evenZero < half * 0.05) return 'utf-16le';
  if (evenZero > half * 0.4 && oddZero < half * 0.05) return 'utf-16be';
  return null;
}

/**
 * The delimiter of the first lines (a title row may have none): the most frequent of comma,
 * semicolon and tab outside quotes.
 */
function delimiterOf(text: string): DecodedFile['delimiter'] {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let lines = 0;
  for (const ch of text.slice(0, 20_000)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n' && ++lines >= 5) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  const best = (Object.entries(counts) as [DecodedFile['delimiter'], number][]).sort(
    (a, b) => b[1] - a[1],
  )[0]!;
  return best[1] > 0 ? best[0] : ',';
}

/**
 * Decode an uploaded file: UTF-8 (with or without BOM) or UTF-16 (Excel's "Unicode text", with or
 * without BOM). Anything else is refused with a 400 naming the encoding it looks like, so the user
 * knows to save it again as "CSV UTF-8".
 */
export function decodeImport(bytes: Uint8Array): DecodedFile {
  if (bytes.length === 0) throw badField('file', 'the file is empty');
  const bom = bomOf(bytes);
  const encoding = bom?.encoding ?? bomlessUtf16(bytes) ?? 'utf-8';
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(bom?.skip ?? 0));
  } catch {
    const guess = chardet.detect(bytes) ?? 'unknown';
    throw badField(
      'file',
      `the file is not UTF-8 or UTF-16 (it looks like ${guess}); save it as "CSV UTF-8" and send it again`,
    );
  }
  if (text.includes('\u0000'))
    throw badField('file', 'the file holds NUL characters: it is not a text file in UTF-8 or UTF-16');
  return { text, encoding, delimiter: delimiterOf(text) };
}
