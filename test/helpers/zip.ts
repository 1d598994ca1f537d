// A minimal zip writer for hostile workbooks in tests and benchmarks: parts are streamed through
// deflate chunk by chunk, so a part that inflates to 300 MB is written without ever holding it.
// (PKWARE APPNOTE 6.3: local headers with sizes, a central directory, no zip64.)
import { once } from 'node:events';
import { createDeflateRaw, crc32 } from 'node:zlib';

export type ZipPart = { name: string; chunks: Iterable<string | Buffer> };

async function deflatePart(chunks: Iterable<string | Buffer>): Promise<{ data: Buffer; crc: number; size: number }> {
  const out: Buffer[] = [];
  const deflate = createDeflateRaw({ level: 9 });
  deflate.on('data', (c: Buffer) => out.push(c));
  const ended = once(deflate, 'end');
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    crc = crc32(buf, crc);
    size += buf.length;
    if (!deflate.write(buf)) await once(deflate, 'drain');
  }
  deflate.end();
  await ended;
  return { data: Buffer.concat(out), crc, size };
}

/** A zip archive of `parts`, each deflated; sizes must stay under 4 GiB (no zip64). */
export async function zip(parts: ZipPart[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const { data, crc, size } = await deflatePart(part.chunks);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc >>> 0, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(dir, name);
    offset += local.length + name.length + data.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export type RawSheet = { name: string; state?: 'visible' | 'hidden' | 'veryHidden'; rows: Iterable<string> };

/** `<row>` XML for cells given as inline strings (strings) or numbers, from column A. */
export function rowXml(r: number, cells: (string | number | null)[]): string {
  const cs = cells
    .map((v, i) => {
      if (v === null || v === '') return '';
      const ref = `${String.fromCharCode(65 + i)}${r}`;
      return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
    })
    .join('');
  return `<row r="${r}">${cs}</row>`;
}

/**
 * An .xlsx built part by part (for shapes exceljs would not write: huge shared strings, bombs,
 * veryHidden sheets). `sharedStrings` chunks, when given, become xl/sharedStrings.xml verbatim.
 */
export function rawWorkbook(sheets: RawSheet[], sharedStrings?: Iterable<string | Buffer>): Promise<Buffer> {
  const overrides = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  const rels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  const parts: ZipPart[] = [
    { name: '[Content_Types].xml', chunks: [`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}</Types>`] },
    { name: '_rels/.rels', chunks: ['<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'] },
    { name: 'xl/workbook.xml', chunks: [`<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets>${sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state && s.state !== 'visible' ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`] },
    { name: 'xl/_rels/workbook.xml.rels', chunks: [`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`] },
  ];
  if (sharedStrings) parts.push({ name: 'xl/sharedStrings.xml', chunks: sharedStrings });
  sheets.forEach((s, i) => {
    parts.push({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      chunks: (function* () {
        yield `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>`;
        yield* s.rows;
        yield '</sheetData></worksheet>';
      })(),
    });
  });
  return zip(parts);
}

/** xl/sharedStrings.xml whose first string is `mb` MiB of one repeated letter (a deflate bomb of ~1000:1). */
export function* hugeSharedString(mb: number): Generator<string | Buffer> {
  yield `<?xml version="1.0" encoding="UTF-8"?><sst ${NS} count="1" uniqueCount="1"><si><t>`;
  const mib = Buffer.alloc(1024 * 1024, 'A');
  for (let i = 0; i < mb; i++) yield mib;
  yield '</t></si></sst>';
}
