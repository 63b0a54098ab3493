import { PNG } from 'pngjs';

/**
 * The app's two icons, drawn from shapes so they can be regenerated and checked (no binary of unknown
 * origin in the repository): a chat bubble with three dots. Teams wants a 192×192 full-colour icon and
 * a 32×32 outline icon that is white on transparent.
 */

export const ACCENT = '#0F6CBD';
export const COLOR_SIZE = 192;
export const OUTLINE_SIZE = 32;

type Rgb = [number, number, number];
type Shape = (x: number, y: number) => boolean;
interface Layer {
  shape: Shape;
  color: Rgb;
}

const hex = (value: string): Rgb => [1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16)) as Rgb;
const WHITE: Rgb = [255, 255, 255];

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

function triangle(a: [number, number], b: [number, number], c: [number, number]): Shape {
  const side = (p: [number, number], q: [number, number], x: number, y: number) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  return (x, y) => {
    const s1 = side(a, b, x, y);
    const s2 = side(b, c, x, y);
    const s3 = side(c, a, x, y);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };
}

const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);

/** Renders layers (last on top) with 4×4 supersampling; colours are averaged premultiplied so edges do not darken. */
function render(size: number, layers: Layer[], background?: Rgb): PNG {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = px + (sx + 0.5) / n;
          const y = py + (sy + 0.5) / n;
          const top = [...layers].reverse().find((l) => l.shape(x, y));
          const color = top?.color ?? background;
          if (!color) continue;
          r += color[0];
          g += color[1];
          b += color[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      png.data[i] = a ? Math.round(r / a) : 0;
      png.data[i + 1] = a ? Math.round(g / a) : 0;
      png.data[i + 2] = a ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return png;
}

/** 192×192: a white chat bubble with three accent-coloured dots on the accent colour. */
export function colorIcon(): Buffer {
  const accent = hex(ACCENT);
  const bubble = union(roundedRect(36, 44, 156, 132, 24), triangle([58, 124], [92, 124], [50, 158]));
  const dots = union(circle(66, 88, 11), circle(96, 88, 11), circle(126, 88, 11));
  return PNG.sync.write(render(COLOR_SIZE, [{ shape: bubble, color: WHITE }, { shape: dots, color: accent }], accent), { colorType: 6 });
}

/** 32×32: the same bubble as a white outline with white dots, everything else transparent. */
export function outlineIcon(): Buffer {
  const outer = union(roundedRect(3, 5, 29, 23, 5), triangle([8, 21], [14, 21], [6, 29]));
  const inner = roundedRect(5, 7, 27, 21, 3);
  const dots = union(circle(10.5, 14, 1.75), circle(16, 14, 1.75), circle(21.5, 14, 1.75));
  return PNG.sync.write(render(OUTLINE_SIZE, [{ shape: union(minus(outer, inner), dots), color: WHITE }]), { colorType: 6 });
}
