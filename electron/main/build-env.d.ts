/** Values fixed when main is built (electron.vite.config.ts `define`). */
interface ImportMetaEnv {
  /** The update feed, from TGCODE_UPDATE_URL at build time; empty when updates are off. */
  readonly TGCODE_UPDATE_URL: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
