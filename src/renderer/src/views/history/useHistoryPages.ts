// Run reports for the virtualised table, fetched a page at a time as rows scroll into view, so
// 10,000 runs cost one small request to show and never sit in memory all at once unless visited.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryQuery } from '../../../../shared/ipc/contract';
import type { RunReport } from '../../../../shared/run-report';
import { useApi } from '../../lib/api';
import { plainError } from '../../lib/messages';

export type HistoryFilter = Pick<HistoryQuery, 'outcome' | 'direction' | 'text'>;

export const pageSize = 100;

export interface HistoryPages {
  /** undefined until the first page answered. */
  total?: number;
  error?: string;
  run(index: number): RunReport | undefined;
  /** Make sure the rows from..to (inclusive) are loaded or on their way. */
  ensure(from: number, to: number): void;
  retry(): void;
}

export function useHistoryPages(filter: HistoryFilter, refreshKey: unknown): HistoryPages {
  const api = useApi();
  const [total, setTotal] = useState<number>();
  const [error, setError] = useState<string>();
  const [, setVersion] = useState(0);
  const pages = useRef(new Map<number, RunReport[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const { outcome, direction, text } = filter;

  const fetchPage = useCallback(
    (page: number) => {
      if (pages.current.has(page) || pending.current.has(page)) return;
      pending.current.add(page);
      const mine = generation.current;
      api.history
        .list({ limit: pageSize, offset: page * pageSize, ...(outcome ? { outcome } : {}), ...(direction ? { direction } : {}), ...(text ? { text } : {}) })
        .then(
          (answer) => {
            if (mine !== generation.current) return;
            pending.current.delete(page);
            pages.current.set(page, answer.runs);
            setTotal(answer.total);
            setError(undefined);
            setVersion((v) => v + 1);
          },
          (reason: unknown) => {
            if (mine !== generation.current) return;
            pending.current.delete(page);
            setError(plainError(reason));
          },
        );
    },
    [api, outcome, direction, text],
  );

  const restart = useCallback(() => {
    generation.current++;
    pages.current = new Map();
    pending.current = new Set();
    setTotal(undefined);
    setError(undefined);
    fetchPage(0);
  }, [fetchPage]);

  useEffect(restart, [restart, refreshKey]);

  const ensure = useCallback(
    (from: number, to: number) => {
      for (let page = Math.floor(Math.max(0, from) / pageSize); page <= Math.floor(Math.max(0, to) / pageSize); page++) fetchPage(page);
    },
    [fetchPage],
  );

  const run = useCallback((index: number) => pages.current.get(Math.floor(index / pageSize))?.[index % pageSize], []);

  return { total, error, run, ensure, retry: restart };
}
