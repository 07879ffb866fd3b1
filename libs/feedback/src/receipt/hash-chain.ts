import { FeedbackErrors } from '../errors';
import { isDigestHex, sha256Hex } from './digest';

/** What the first entry of a chain links to. */
export const CHAIN_GENESIS = 'GENESIS';

/** One sealed submission in the append-only log: its receipt digest and the running chain hash. */
export interface ChainEntry {
  digest: string;
  chainHash: string;
}

export interface VerifyChainOptions {
  /**
   * The head recorded elsewhere (null for an empty chain). Without it a chain cut short at the end
   * still verifies, since nothing inside the chain points forward.
   */
  expectedHead?: string | null;
}

/** sha256(`${prev ?? 'GENESIS'}:${digest}`): each entry commits to everything sealed before it. */
export function chainHash(prevChainHashHex: string | null, digestHex: string): string {
  if (prevChainHashHex !== null && !isDigestHex(prevChainHashHex)) {
    throw FeedbackErrors.prevChainHashInvalid({ value: prevChainHashHex });
  }
  if (!isDigestHex(digestHex)) {
    throw FeedbackErrors.receiptDigestInvalid({ value: digestHex });
  }
  return link(prevChainHashHex, digestHex);
}

/**
 * The index of the first entry whose chain hash does not follow from its predecessor (a deleted,
 * inserted, reordered or altered entry), entries.length when the chain is intact but does not end at
 * expectedHead (truncated or extended), or -1 when everything checks.
 */
export function verifyChain(entries: readonly ChainEntry[], options: VerifyChainOptions = {}): number {
  let prev: string | null = null;
  for (let index = 0; index < entries.length; index++) {
    const { digest, chainHash: stored } = entries[index] ?? {};
    if (!isDigestHex(digest) || stored !== link(prev, digest)) return index;
    prev = stored;
  }
  if (options.expectedHead !== undefined && prev !== options.expectedHead) return entries.length;
  return -1;
}

function link(prev: string | null, digest: string): string {
  return sha256Hex(`${prev ?? CHAIN_GENESIS}:${digest}`);
}
