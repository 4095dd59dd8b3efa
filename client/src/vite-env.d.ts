/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** A vector tile / PMTiles style URL to use instead of the offline basemap. */
  readonly VITE_BASEMAP_STYLE_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
