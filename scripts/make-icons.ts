import { readFile, writeFile } from 'node:fs/promises';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

/**
 * Every app icon comes from one drawing, build/icon.svg: the PNG (Linux, and the source electron-builder
 * falls back to), the Windows .ico and the macOS .icns. `npm run icons` rewrites them after the drawing
 * changes; a unit test fails while the committed files and the drawing disagree.
 */
export const BUILD_DIR = new URL('../build/', import.meta.url);
export const ICON_FILES = ['icon.png', 'icon.ico', 'icon.icns'] as const;

export async function renderIcons(): Promise<Record<(typeof ICON_FILES)[number], Buffer>> {
  const svg = await readFile(new URL('icon.svg', BUILD_DIR));
  const png = Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: 1024 } }).render().asPng());
  // Each size is scaled from the 1024 px rendering; the .ico holds PNG entries (up to 256 px), as Windows expects.
  const ico = png2icons.createICO(png, png2icons.BICUBIC2, 0, true, true);
  const icns = png2icons.createICNS(png, png2icons.BICUBIC2, 0);
  if (!ico || !icns) throw new Error('png2icons could not convert build/icon.svg’s rendering');
  return { 'icon.png': png, 'icon.ico': ico, 'icon.icns': icns };
}

if (import.meta.main) {
  for (const [name, data] of Object.entries(await renderIcons())) await writeFile(new URL(name, BUILD_DIR), data);
}
