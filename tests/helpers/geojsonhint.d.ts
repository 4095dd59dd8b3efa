/** Types for @mapbox/geojsonhint 3.1 (it ships none): the outside GeoJSON validator with the right-hand rule. */
declare module '@mapbox/geojsonhint' {
  interface Hint {
    message: string;
    line?: number;
    level?: 'message' | 'warn';
  }
  const geojsonhint: {
    hint(
      input: string | object,
      options?: { precisionWarning?: boolean; noDuplicateMembers?: boolean },
    ): Hint[];
  };
  export default geojsonhint;
}
