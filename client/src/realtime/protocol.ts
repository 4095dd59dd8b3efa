import { PROTOCOL_VERSION } from '../../../shared/protocol.js';

/**
 * Whether the server speaks another realtime protocol than the one this page was built for: then
 * the page must be reloaded to get the matching client.
 */
export function needsReload(serverProtocol: number, ours: number = PROTOCOL_VERSION): boolean {
  return serverProtocol !== ours;
}
