/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** A vector tile / PMTiles style URL to use instead of the offline basemap. */
  readonly VITE_BASEMAP_STYLE_URL?: string;
  /** The font stack name that style's glyph server offers, for the labels drawn on it (storm names). */
  readonly VITE_BASEMAP_FONT?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
