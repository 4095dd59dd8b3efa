import type { Ctx } from '../context.js';
import type { Viewer } from '../auth/viewer.js';
import { USER_SEEDS } from './data.js';

const DEMO_USERNAMES = new Set(USER_SEEDS.map((u) => u.username));

/**
 * The API has no `simulated` field (a user cannot label a real record as a drill), so the label is
 * a server rule: while the server runs the demo, what the demo users create is simulated. That is
 * how the replay's records, written through the ordinary API, carry the label.
 */
export function writesSimulated(ctx: Ctx, viewer: Viewer): boolean {
  return ctx.config.demo && viewer.tokenId === undefined && DEMO_USERNAMES.has(viewer.username);
}
