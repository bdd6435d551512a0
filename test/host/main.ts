/**
 * TEST ONLY: `npm run host` serves the built renderer with the app core behind it, for manual QA in a
 * browser. Reads TGCODE_API_BASE, TGCODE_TOKEN, TGCODE_DATA_DIR and TGCODE_HOST_PORT (default 5199).
 */
import { startHost } from './server.ts';

const DEFAULT_PORT = 5199;

const port = process.env.TGCODE_HOST_PORT ? Number(process.env.TGCODE_HOST_PORT) : DEFAULT_PORT;
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error('TGCODE_HOST_PORT must be a port number');
  process.exit(1);
}

const host = await startHost({ env: process.env, port });
console.log(`TG Code Desk test host: ${host.url}`);
console.log(`data folder: ${host.dataDir}`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void host.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
