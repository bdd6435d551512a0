import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BUILD_DIR, ICON_FILES, renderIcons } from '../../../scripts/make-icons.ts';

const committed = async (name: string): Promise<Buffer> => readFile(new URL(name, BUILD_DIR));

function icnsTypes(icns: Buffer): string[] {
  const types: string[] = [];
  for (let offset = 8; offset < icns.length; offset += icns.readUInt32BE(offset + 4)) types.push(icns.toString('latin1', offset, offset + 4));
  return types;
}

function icoSizes(ico: Buffer): number[] {
  return Array.from({ length: ico.readUInt16LE(4) }, (_, index) => ico[6 + 16 * index] || 256);
}

describe('app icons', () => {
  it('the committed icons are what build/icon.svg renders to (run `npm run icons` after changing it)', async () => {
    const rendered = await renderIcons();
    for (const name of ICON_FILES) expect((await committed(name)).equals(rendered[name]), name).toBe(true);
  });

  it('come in the sizes the targets need: a 1024 px PNG, an .ico up to 256 px, an .icns up to 1024 px', async () => {
    const png = await committed('icon.png');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    expect(icoSizes(await committed('icon.ico'))).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256]));
    const icns = await committed('icon.icns');
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    // ic10: 1024 px (512@2x), ic09: 512 px, ic07: 128 px, ic11: 32 px (16@2x).
    expect(icnsTypes(icns)).toEqual(expect.arrayContaining(['ic10', 'ic09', 'ic07', 'ic11']));
  });
});
