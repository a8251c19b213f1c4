// Draws the app's icons into resources/ with no image library: shapes are tested per sample point
// (4×4 samples per pixel for smooth edges) and written as RGBA PNGs with node:zlib.
//   tray*Template.png (16×16) and @2x (32×32): black + alpha, so macOS tints them for the menu bar;
//   the state shows as a badge in the lower right (syncing — 4 frames —, attention, error, paused).
//   icon.png (1024×1024): the app icon; icon.icns: the same at every size macOS asks for (16–1024),
//   for the .app bundle (electron-builder.yml mac.icon), written by scripts/icns.ts.
// Run: npx tsx scripts/make-icons.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { encodeIcns, icnsTypes } from './icns';

type Rgba = readonly [number, number, number, number];
type Shape = (x: number, y: number) => boolean;
/** Painted in order; 'clear' punches a transparent hole (badges stand apart from the glyph). */
type Layer = { shape: Shape; color: Rgba } | { shape: Shape; clear: true };

const black: Rgba = [0, 0, 0, 255];
const outDir = join(import.meta.dirname, '..', 'resources');

// ---- shapes, in a 16×16 logical square ------------------------------------------------------

const rect = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x < x1 && y >= y0 && y < y1;

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x >= x1 || y < y0 || y >= y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}
const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);

function triangle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape {
  const side = (px: number, py: number, qx: number, qy: number, x: number, y: number) => (qx - px) * (y - py) - (qy - py) * (x - px);
  return (x, y) => {
    const d1 = side(ax, ay, bx, by, x, y);
    const d2 = side(bx, by, cx, cy, x, y);
    const d3 = side(cx, cy, ax, ay, x, y);
    return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
  };
}

/** A calendar page: outline, header band, two binder rings, a few day dots. */
function calendarGlyph(): Shape {
  const outer = roundedRect(1, 2.5, 15, 15, 2);
  const inner = roundedRect(2.4, 3.9, 13.6, 13.6, 0.9);
  const header = rect(1, 2.5, 15, 6.2);
  const rings = union(roundedRect(4, 1, 5.5, 4.2, 0.6), roundedRect(10.5, 1, 12, 4.2, 0.6));
  const dots: Shape[] = [];
  for (const dy of [8, 11]) for (const dx of [4.5, 7.5, 10.5]) dots.push(rect(dx, dy, dx + 1.6, dy + 1.6));
  return union(minus(outer, inner), header, rings, ...dots);
}

// The badge sits in the lower right, over a clear disc.
const badgeX = 12;
const badgeY = 12;
const badgeHole = circle(badgeX, badgeY, 4.6);

function syncingBadge(frame: number): Shape {
  // A ring with a gap, an arrowhead at the gap's end; each frame turns it a quarter.
  const turn = (frame * Math.PI) / 2;
  const gap = (Math.PI * 2) / 5;
  const ring: Shape = (x, y) => {
    const d = Math.hypot(x - badgeX, y - badgeY);
    if (d < 2.0 || d > 3.4) return false;
    const angle = (Math.atan2(y - badgeY, x - badgeX) - turn + Math.PI * 4) % (Math.PI * 2);
    return angle > gap;
  };
  // The arrowhead continues the ring into the gap: its base is radial at the ring's end, its tip
  // on the ring's mid-line further round.
  const tip = turn + gap * 0.8;
  const base = turn;
  const at = (angle: number, r: number): [number, number] => [badgeX + r * Math.cos(angle), badgeY + r * Math.sin(angle)];
  const [ax, ay] = at(base, 1.4);
  const [bx, by] = at(base, 4.0);
  const [cx, cy] = at(tip, 2.7);
  return union(ring, triangle(ax, ay, bx, by, cx, cy));
}

const attentionBadge = circle(badgeX, badgeY, 3.3);
const errorBadge = minus(circle(badgeX, badgeY, 3.9), union(rect(11.35, 9.6, 12.65, 12.6), rect(11.35, 13.3, 12.65, 14.6)));
const pausedBadge = union(rect(9.9, 9, 11.4, 15), rect(12.6, 9, 14.1, 15));

function trayLayers(badge?: Shape): Layer[] {
  const layers: Layer[] = [{ shape: calendarGlyph(), color: black }];
  if (badge) layers.push({ shape: badgeHole, clear: true }, { shape: badge, color: black });
  return layers;
}

// ---- rasterise and encode -------------------------------------------------------------------

function render(size: number, layers: Layer[], samples = 4): Buffer {
  const scale = 16 / size;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Average premultiplied colour over the samples.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) * scale;
          const y = (py + (sy + 0.5) / samples) * scale;
          let c: [number, number, number, number] = [0, 0, 0, 0];
          for (const layer of layers) {
            if (!layer.shape(x, y)) continue;
            if ('clear' in layer) c = [0, 0, 0, 0];
            else {
              const alpha = layer.color[3] / 255;
              c = [
                layer.color[0] * alpha + c[0] * (1 - alpha),
                layer.color[1] * alpha + c[1] * (1 - alpha),
                layer.color[2] * alpha + c[2] * (1 - alpha),
                alpha + c[3] * (1 - alpha),
              ];
            }
          }
          r += c[0];
          g += c[1];
          b += c[2];
          a += c[3];
        }
      }
      const n = samples * samples;
      const offset = (py * size + px) * 4;
      const alpha = a / n;
      pixels[offset] = alpha > 0 ? Math.round(r / n / alpha) : 0;
      pixels[offset + 1] = alpha > 0 ? Math.round(g / n / alpha) : 0;
      pixels[offset + 2] = alpha > 0 ? Math.round(b / n / alpha) : 0;
      pixels[offset + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function encodePng(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4); // filter 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function writeTray(name: string, layers: Layer[]): void {
  writeFileSync(join(outDir, `${name}.png`), encodePng(16, render(16, layers)));
  writeFileSync(join(outDir, `${name}@2x.png`), encodePng(32, render(32, layers)));
}

function appIconLayers(): Layer[] {
  // A blue rounded square with the white calendar and its syncing badge, in the same 16-unit space.
  const tile = roundedRect(0.6, 0.6, 15.4, 15.4, 3.4);
  const shrink = (shape: Shape): Shape => (x, y) => shape((x - 2.4) / 0.7, (y - 2.2) / 0.7);
  return [
    { shape: tile, color: [37, 99, 235, 255] },
    { shape: shrink(calendarGlyph()), color: [255, 255, 255, 255] },
    { shape: shrink(badgeHole), color: [37, 99, 235, 255] },
    { shape: shrink(syncingBadge(0)), color: [255, 255, 255, 255] },
  ];
}

writeTray('trayTemplate', trayLayers());
for (let frame = 0; frame < 4; frame++) writeTray(`traySyncing${frame}Template`, trayLayers(syncingBadge(frame)));
writeTray('trayAttentionTemplate', trayLayers(attentionBadge));
writeTray('trayErrorTemplate', trayLayers(errorBadge));
writeTray('trayPausedTemplate', trayLayers(pausedBadge));
const appIcon = new Map<number, Buffer>();
for (const size of new Set(icnsTypes.map((t) => t.size))) {
  // 2×2 samples are plenty for the big sizes; the small ones need 4×4 to keep their edges smooth.
  appIcon.set(size, encodePng(size, render(size, appIconLayers(), size >= 512 ? 2 : 4)));
}
writeFileSync(join(outDir, 'icon.png'), appIcon.get(1024)!);
writeFileSync(join(outDir, 'icon.icns'), encodeIcns(icnsTypes.map(({ type, size }) => ({ type, png: appIcon.get(size)! }))));
console.log(`icons written to ${outDir}`);
