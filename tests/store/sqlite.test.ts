import { fork } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createStore, SQLITE_FILE_NAME } from "../../src/store/index.ts";
import { createSqliteStore } from "../../src/store/sqlite.ts";
import { delivery, describeStoreContract, publishTo } from "./contract.ts";
import type { ClaimerMessage } from "./sqlite-claimer.ts";

const tempDir = () => mkdtemp(path.join(os.tmpdir(), "rolecall-store-"));

describeStoreContract("SQLite", async () => {
  const dataDir = await tempDir();
  return {
    open: () => createSqliteStore({ dataDir }),
    destroy: () => rm(dataDir, { recursive: true, force: true }),
  };
});

describe("SQLite store", () => {
  it("creates the data folder and the database file inside it", async () => {
    const root = await tempDir();
    const dataDir = path.join(root, "nested", "data");
    const store = await createStore({ dataDir });
    try {
      await store.migrate();
      expect(store.kind).toBe("sqlite");
      expect((await stat(path.join(dataDir, SQLITE_FILE_NAME))).isFile()).toBe(true);
    } finally {
      await store.close();
      await rm(root, { recursive: true, force: true });
    }
  });

  it("keeps the database file private to its owner, since it holds installation tokens", async () => {
    const dataDir = await tempDir();
    const store = await createStore({ dataDir });
    try {
      await store.migrate();
      const { mode } = await stat(path.join(dataDir, SQLITE_FILE_NAME));
      expect(mode & 0o077).toBe(0);
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("reports an unusable data folder as STORE_UNAVAILABLE, naming the path", async () => {
    const root = await tempDir();
    const notAFolder = path.join(root, "file");
    await writeFile(notAFolder, "x");
    try {
      await expect(createStore({ dataDir: notAFolder })).rejects.toMatchObject({
        code: "STORE_UNAVAILABLE",
        message: expect.stringContaining(notAFolder),
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("never gives one row to two processes claiming from the same file at once", async () => {
    const dataDir = await tempDir();
    const store = await createSqliteStore({ dataDir });
    await store.migrate();
    const channels = Array.from({ length: 200 }, (_, i) => `C${String(i).padStart(3, "0")}`);
    const { outbox } = await publishTo(
      store,
      channels.map((c) => delivery(c)),
    );
    await store.close();

    const claimer = path.join(import.meta.dirname, "sqlite-claimer.ts");
    const children = ["A", "B"].map((instanceId) =>
      fork(claimer, [dataDir, instanceId], {
        cwd: path.resolve(import.meta.dirname, "../.."),
        execArgv: ["--import", "tsx"],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      }),
    );
    try {
      const ready = children.map((child) => nextMessage(child));
      await Promise.all(ready.map(async (message) => expect((await message).type).toBe("ready")));
      // The parent stands in for Slack: it records every delivery and acknowledges it.
      const delivered = new Map<string, string[]>();
      const finished = children.map(
        (child, index) =>
          new Promise<string[]>((resolve, reject) => {
            const name = index === 0 ? "A" : "B";
            child.on("message", (message: ClaimerMessage) => {
              if (message.type === "deliver") {
                delivered.set(message.id, [...(delivered.get(message.id) ?? []), name]);
                child.send("ack");
              } else if (message.type === "done") resolve(message.claimed);
              else reject(new Error(`claimer ${name} failed: ${JSON.stringify(message)}`));
            });
            child.once("exit", (code) => reject(new Error(`claimer ${name} exited with code ${code}`)));
          }),
      );
      for (const child of children) child.send("go");
      const [a = [], b = []] = await Promise.all(finished);

      expect(a.filter((id) => b.includes(id))).toEqual([]);
      expect([...delivered.values()].filter((by) => by.length > 1)).toEqual([]);
      expect(new Set([...a, ...b])).toEqual(new Set(outbox.map((row) => row.id)));
      expect(a.length + b.length).toBe(200);
      console.info(`SQLite concurrent claim split: A=${a.length} B=${b.length}`);
    } finally {
      for (const child of children) child.kill();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

async function nextMessage(child: ReturnType<typeof fork>): Promise<ClaimerMessage> {
  const exited = once(child, "exit").then(([code]) => {
    throw new Error(`claimer exited with code ${code} before answering`);
  });
  const [message] = await Promise.race([once(child, "message"), exited]);
  return message as ClaimerMessage;
}
