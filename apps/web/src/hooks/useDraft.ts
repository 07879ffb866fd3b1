import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, errorText } from '../api/client';
import type { DraftItem, DraftView, MyReply } from '../api/types';

export type SaveState =
  | { kind: 'saved'; at: string | null; version: number; by?: string | null }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'conflict'; message: string; currentVersion: number }
  | { kind: 'error'; message: string };

export interface DraftState {
  kind: 'with_comments' | 'no_comment';
  items: DraftItem[];
  version: number;
  save: SaveState;
  setItems: (update: (items: DraftItem[]) => DraftItem[]) => void;
  setKind: (kind: 'with_comments' | 'no_comment', items?: DraftItem[]) => void;
  /** saves now if needed; resolves with the saved version (null when refused) */
  flush: () => Promise<number | null>;
  /** takes the version another user saved, dropping local edits */
  reloadFromServer: () => Promise<void>;
  /** keeps local edits and saves them over the version another user saved */
  overwrite: () => Promise<void>;
  /** 提交签发: the version handed to the approver, while it is the current one */
  handedOver: DraftView['handedOver'];
  /** saves, then hands the saved version to the approver (who is mailed) */
  handOver: () => Promise<void>;
}

const AUTOSAVE_MS = 1000;

/**
 * The unit's reply draft with autosave: edits are saved a second after the last keystroke, on top
 * of the version they were based on; a conflicting save by a colleague is reported, never overwritten silently.
 */
export function useDraft(roundId: string, initial: DraftView, editable: boolean): DraftState {
  const [kind, setKindState] = useState(initial.kind);
  const [items, setItemsState] = useState<DraftItem[]>(initial.items);
  const [version, setVersion] = useState(initial.version);
  const [handedOver, setHandedOver] = useState<DraftView['handedOver']>(initial.handedOver ?? null);
  const [save, setSave] = useState<SaveState>({ kind: 'saved', at: initial.updatedAt, version: initial.version, by: initial.updatedBy?.name });
  const latest = useRef({ kind, items, version });
  const dirty = useRef(false);
  const inFlight = useRef<Promise<number | null> | null>(null);
  const conflict = useRef(false);

  latest.current = { kind, items, version };

  const doSave = useCallback(async (): Promise<number | null> => {
    while (inFlight.current) await inFlight.current;
    if (!dirty.current) return latest.current.version;
    if (conflict.current) return null;
    dirty.current = false;
    const body = { baseVersion: latest.current.version, kind: latest.current.kind, items: latest.current.items };
    setSave({ kind: 'saving' });
    const p = (async () => {
      try {
        const saved = await api.put<DraftView>(`/rounds/${roundId}/my-reply`, body);
        setVersion(saved.version);
        setHandedOver(null);
        latest.current.version = saved.version;
        setSave(dirty.current ? { kind: 'dirty' } : { kind: 'saved', at: saved.updatedAt, version: saved.version, by: saved.updatedBy?.name });
        return saved.version;
      } catch (err) {
        dirty.current = true;
        if (err instanceof ApiError && err.code === 'DRAFT_VERSION_CONFLICT') {
          conflict.current = true;
          setSave({ kind: 'conflict', message: err.message, currentVersion: Number(err.details?.currentVersion ?? 0) });
        } else {
          setSave({ kind: 'error', message: errorText(err) });
        }
        return null;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = p;
    return p;
  }, [roundId]);

  const touch = () => {
    dirty.current = true;
    if (!conflict.current) setSave({ kind: 'dirty' });
  };

  // autosave a moment after the last edit
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!tick || !editable) return;
    const timer = setTimeout(() => void doSave(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [tick, doSave, editable]);

  // leaving the page with unsaved edits: the browser asks first
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const setItems = useCallback((update: (items: DraftItem[]) => DraftItem[]) => {
    setItemsState((prev) => {
      const next = update(prev);
      latest.current.items = next;
      return next;
    });
    touch();
    setTick((t) => t + 1);
  }, []);

  const setKind = useCallback((next: 'with_comments' | 'no_comment', nextItems?: DraftItem[]) => {
    setKindState(next);
    latest.current.kind = next;
    if (nextItems) {
      setItemsState(nextItems);
      latest.current.items = nextItems;
    }
    touch();
    setTick((t) => t + 1);
  }, []);

  const reloadFromServer = useCallback(async () => {
    const reply = await api.get<MyReply>(`/rounds/${roundId}/my-reply`);
    conflict.current = false;
    dirty.current = false;
    setKindState(reply.draft.kind);
    setItemsState(reply.draft.items);
    setVersion(reply.draft.version);
    latest.current = { kind: reply.draft.kind, items: reply.draft.items, version: reply.draft.version };
    setSave({ kind: 'saved', at: reply.draft.updatedAt, version: reply.draft.version, by: reply.draft.updatedBy?.name });
  }, [roundId]);

  const overwrite = useCallback(async () => {
    const reply = await api.get<MyReply>(`/rounds/${roundId}/my-reply`);
    conflict.current = false;
    dirty.current = true;
    latest.current.version = reply.draft.version;
    setVersion(reply.draft.version);
    await doSave();
  }, [roundId, doSave]);

  const handOver = useCallback(async () => {
    const saved = await doSave();
    if (saved === null) throw new Error('草稿未能保存，请先处理保存提示');
    const view = await api.post<DraftView>(`/rounds/${roundId}/my-reply/hand-over`, { version: saved });
    setHandedOver(view.handedOver ?? null);
  }, [roundId, doSave]);

  return { kind, items, version, save, setItems, setKind, flush: doSave, reloadFromServer, overwrite, handedOver, handOver };
}
