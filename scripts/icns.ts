// The Apple Icon Image (.icns) container, written from PNGs with no image tool (iconutil is
// macOS-only): 'icns' + total length, then one element per size — a 4-character type, the element's
// length (header included), and the PNG itself. macOS reads PNG data for every type used here.
export interface IcnsElement {
  type: string;
  png: Buffer;
}

/** PNG-backed element types and the pixel size each holds (@2x types hold the doubled size). */
export const icnsTypes: ReadonlyArray<{ type: string; size: number }> = [
  { type: 'icp4', size: 16 },
  { type: 'icp5', size: 32 },
  { type: 'ic11', size: 32 }, // 16@2x
  { type: 'icp6', size: 64 },
  { type: 'ic12', size: 64 }, // 32@2x
  { type: 'ic07', size: 128 },
  { type: 'ic08', size: 256 },
  { type: 'ic13', size: 256 }, // 128@2x
  { type: 'ic09', size: 512 },
  { type: 'ic14', size: 512 }, // 256@2x
  { type: 'ic10', size: 1024 }, // 512@2x
];

export function encodeIcns(elements: readonly IcnsElement[]): Buffer {
  const parts = elements.map(({ type, png }) => {
    if (!/^[\x20-\x7e]{4}$/.test(type)) throw new Error(`icns element type must be 4 ASCII characters: ${type}`);
    const header = Buffer.alloc(8);
    header.write(type, 0, 'ascii');
    header.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([header, png]);
  });
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'ascii');
  header.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([header, body]);
}

/** The elements of an .icns file (the packaging test reads our icon back with it). */
export function decodeIcns(file: Buffer): IcnsElement[] {
  if (file.length < 8 || file.toString('ascii', 0, 4) !== 'icns') throw new Error('not an icns file');
  if (file.readUInt32BE(4) !== file.length) throw new Error(`icns length field ${file.readUInt32BE(4)} ≠ file size ${file.length}`);
  const elements: IcnsElement[] = [];
  for (let offset = 8; offset < file.length; ) {
    const length = file.readUInt32BE(offset + 4);
    if (length < 8 || offset + length > file.length) throw new Error(`icns element at ${offset} has a bad length ${length}`);
    elements.push({ type: file.toString('ascii', offset, offset + 4), png: file.subarray(offset + 8, offset + length) });
    offset += length;
  }
  return elements;
}
