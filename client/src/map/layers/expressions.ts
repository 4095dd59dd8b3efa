import type { ExpressionSpecification } from 'maplibre-gl';

/**
 * A colour picked by a feature property: `pairs` alternate a value and its colour, `fallback`
 * colours every other value. MapLibre needs at least one pair, so callers with a possibly empty
 * list check it first.
 */
export function colourMatch(
  property: string,
  pairs: readonly string[],
  fallback: string,
): ExpressionSpecification {
  // MapLibre's types cannot express a match built from a list, hence the cast.
  return ['match', ['get', property], ...pairs, fallback] as unknown as ExpressionSpecification;
}
