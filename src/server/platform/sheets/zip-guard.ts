// The check every uploaded workbook passes before any of its XML is parsed: an .xlsx is a zip, and
// a zip can inflate a few hundred kilobytes into gigabytes (one 300 MB shared string takes 310 KB).
// Every entry is inflated once through yauzl (central directory, sizes validated) and its bytes are
// counted as they come; the check stops at the first byte over a limit, so the inflated text is
// never held, only counted. The signatures of what people upload instead (an Excel 97-2003 .xls,
// a CSV renamed .xlsx) are recognised first so the refusal can say what the file is.
import yauzl from 'yauzl';
import type { FileRefusal, ReaderLimits } from './types.ts';

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const isWorksheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name);

/** 'xls' (OLE2 compound file), 'text' (a CSV or other text, e.g. renamed .xlsx), 'zip', or 'unknown'. */
export function sniff(data: Uint8Array): 'xls' | 'zip' | 'text' | 'unknown' {
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.length, 4096));
  if (head.length >= 8 && head.subarray(0, 8).equals(OLE2)) return 'xls';
  if (head.length >= 4 && head.subarray(0, 4).equals(ZIP)) return 'zip';
  if (head.length === 0) return 'unknown';
  // text: decodes as UTF-8 or is free of control bytes other than tab and line breaks (GBK bytes are ≥ 0x80)
  const controls = head.some((b) => b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f);
  return controls ? 'unknown' : 'text';
}

export type ZipFacts = { entries: string[]; inflated: number };

/**
 * Inflates every entry of `data`, counting bytes, and refuses (resolves to a FileRefusal) when the
 * total, a non-worksheet part or the entry count is over `limits`, or the zip is corrupt or
 * encrypted. On success: the entry names and the total inflated size in bytes.
 */
export function checkZip(data: Uint8Array, limits: Pick<ReaderLimits, 'inflatedTotal' | 'inflatedPart' | 'entries'>): Promise<ZipFacts | FileRefusal> {
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  const tooLarge: FileRefusal = { refused: 'import_inflated_too_large', params: { limit: mb(limits.inflatedTotal) } };
  return new Promise((resolve) => {
    yauzl.fromBuffer(Buffer.from(data.buffer, data.byteOffset, data.length), { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) return resolve({ refused: 'import_bad_file' });
      const entries: string[] = [];
      let total = 0;
      let settled = false;
      const finish = (r: ZipFacts | FileRefusal) => {
        if (settled) return;
        settled = true;
        zip.close();
        resolve(r);
      };
      if (zip.entryCount > limits.entries) return finish({ refused: 'import_too_many_parts', params: { max: limits.entries } });
      zip.on('error', () => finish({ refused: 'import_bad_file' }));
      zip.on('end', () => finish({ entries, inflated: total }));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (settled) return;
        entries.push(entry.fileName);
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        if (entry.isEncrypted()) return finish({ refused: 'import_bad_file' });
        const partCap = isWorksheet(entry.fileName) ? Number.POSITIVE_INFINITY : limits.inflatedPart;
        // a declared size over a limit is refused without inflating; a lying one is caught by counting
        if (entry.uncompressedSize > partCap || total + entry.uncompressedSize > limits.inflatedTotal) return finish(tooLarge);
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return finish({ refused: 'import_bad_file' });
          let part = 0;
          stream.on('data', (chunk: Buffer) => {
            part += chunk.length;
            total += chunk.length;
            if (part > partCap || total > limits.inflatedTotal) {
              stream.destroy();
              finish(tooLarge);
            }
          });
          stream.on('error', () => finish({ refused: 'import_bad_file' }));
          stream.on('end', () => {
            if (!settled) zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
