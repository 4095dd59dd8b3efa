import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import type { Ctx } from '../../context.js';
import type { Viewer } from '../../auth/viewer.js';
import { stableId } from '../../db/records.js';
import { HttpError } from '../../http/errors.js';
import { CAP_FEED_PURPOSE, importCap } from './cap.service.js';

/** The poller writes as a national cap-feed client; its ids are stable so its events are recognisable. */
const POLLER: Viewer = {
  role: 'viewer',
  orgId: stableId('cap-feed-poller:org'),
  scope: null,
  userId: stableId('cap-feed-poller'),
  username: 'cap-feed-poller',
  displayName: 'CAP feed',
  orgName: 'CAP feed',
  sessionId: 'cap-feed-poller',
  tokenPurpose: CAP_FEED_PURPOSE,
};

const FETCH_TIMEOUT_MS = 10_000;
const MAX_BYTES = 1024 * 1024;

const atomParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  processEntities: false,
  isArray: (name) => name === 'entry' || name === 'link',
});

const LinkSchema = z.object({
  '@href': z.string(),
  '@rel': z.string().optional(),
  '@type': z.string().optional(),
});
const EntrySchema = z.object({
  id: z.string(),
  updated: z.string().optional(),
  link: z.array(LinkSchema).default([]),
});
const FeedSchema = z.object({ feed: z.object({ entry: z.array(EntrySchema).default([]) }) });

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const text = await res.text();
  if (text.length > MAX_BYTES) throw new Error('too large');
  return text;
}

/** What one poll of the feeds did. */
export interface PollReport {
  entries: number;
  taken: number;
  refused: number;
}

/**
 * Poll each CAP Atom feed once: fetch every entry's CAP message not seen at this `updated` yet,
 * oldest first (an Update after the Alert it references), and take it in. Re-taking a message is a
 * no-op, so several processes may poll the same feeds.
 */
export async function pollCapFeeds(
  ctx: Ctx,
  urls: readonly string[],
  seen: Map<string, string> = new Map(),
): Promise<PollReport> {
  const report: PollReport = { entries: 0, taken: 0, refused: 0 };
  for (const url of urls) {
    let entries: z.infer<typeof EntrySchema>[];
    try {
      const parsed = FeedSchema.safeParse(atomParser.parse(await fetchText(url)));
      if (!parsed.success) throw new Error('not an Atom feed');
      entries = parsed.data.feed.entry;
    } catch (err) {
      ctx.log.warn(
        { feed: url, err: err instanceof Error ? err.message : String(err) },
        'CAP feed unreadable',
      );
      continue;
    }
    entries.sort((a, b) => (a.updated ?? '').localeCompare(b.updated ?? ''));
    for (const e of entries) {
      report.entries++;
      const key = `${url} ${e.id}`;
      if (seen.get(key) === (e.updated ?? '')) continue;
      const link =
        e.link.find((l) => l['@type']?.startsWith('application/cap+xml')) ??
        e.link.find((l) => (l['@rel'] ?? 'alternate') === 'alternate');
      if (!link) continue;
      try {
        const href = new URL(link['@href'], url);
        if (href.protocol !== 'http:' && href.protocol !== 'https:') throw new Error('not http(s)');
        await importCap(ctx, POLLER, await fetchText(href.href));
        seen.set(key, e.updated ?? '');
        report.taken++;
      } catch (err) {
        report.refused++;
        const why = err instanceof HttpError ? err.message : err instanceof Error ? err.message : String(err);
        ctx.log.warn({ feed: url, entry: e.id, err: why }, 'CAP message refused');
      }
    }
  }
  return report;
}

/** Poll the configured feeds on a timer (first poll at once); stop() waits for a poll under way. */
export function startCapFeeds(ctx: Ctx): { stop(): Promise<void> } {
  const cfg = ctx.config.capFeeds;
  if (!cfg || !cfg.urls.length) return { stop: async () => {} };
  const seen = new Map<string, string>();
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let busy = false;
  const tick = () => {
    // A slow poll is not overtaken by the next one.
    if (stopped || busy) return;
    busy = true;
    running = pollCapFeeds(ctx, cfg.urls, seen)
      .catch((err: unknown) =>
        ctx.log.error({ err: err instanceof Error ? err.message : String(err) }, 'CAP feed poll failed'),
      )
      .finally(() => (busy = false));
  };
  tick();
  const timer = setInterval(tick, cfg.pollMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
