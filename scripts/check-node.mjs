// Plain JavaScript, so it runs on any Node and can say clearly that this one is too old for the
// TypeScript scripts and the toolchain that follow it.
import { readFileSync } from 'node:fs';

const wanted = readFileSync(new URL('../.nvmrc', import.meta.url), 'utf8').trim();
const running = process.versions.node.split('.')[0];
if (running !== wanted) {
  process.stderr.write(
    `\nThis project needs Node.js ${wanted} (the Node that its Electron embeds); this is Node ${process.versions.node}.\n` +
      `Install Node ${wanted} (nvm: \`nvm install\` reads .nvmrc), then run \`npm ci\` again.\n\n`,
  );
  process.exit(1);
}
