// The app dates its answers from its store's publish history (the first publish is at start-up, so the
// date is the day the test ran). Tests that compare the app's answers with ones rendered here read that
// history from the app's store, so both carry the same "Updated …" line without assuming a date.
import path from "node:path";
import type { KnowledgeHistory } from "../../src/core/answer/freshness.ts";
import type { FreshnessSource } from "../../src/core/engine.ts";
import { historyFromSnapshots } from "../../src/notify/freshness.ts";
import { createStore } from "../../src/store/index.ts";

export interface AppHistory {
  /** what answers rendered in the test are dated from: set by load() */
  readonly freshness: FreshnessSource;
  /** reads the history from the app's store: DATA_DIR, else ./data in the app's working folder */
  load(where: { cwd: string; dataDir?: string; databaseUrl?: string }): Promise<void>;
}

export function createAppHistory(): AppHistory {
  let history: KnowledgeHistory | undefined;
  return {
    freshness: { history: () => history, now: () => new Date() },
    async load(where) {
      const store = await createStore({
        dataDir: where.dataDir ?? path.join(where.cwd, "data"),
        ...(where.databaseUrl ? { databaseUrl: where.databaseUrl } : {}),
      });
      try {
        history = historyFromSnapshots(await store.snapshotHistory());
      } finally {
        await store.close();
      }
    },
  };
}
