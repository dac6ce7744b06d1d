// `rolecall diff` shows what publishing the knowledge folder now would announce; `rolecall publish` publishes
// it: the snapshot and one notification per subscribed channel go into the store's outbox, and the running
// bot delivers them (this command never talks to Slack). Both print {"changes": [...]} with --json.
import { type CommandConfig, loadCommandConfig } from "../config.ts";
import { type ChangeGroup, summariseChanges } from "../core/changes/index.ts";
import type { Change } from "../core/changes/types.ts";
import { formatProblem, KnowledgeError, type KnowledgeProblem } from "../core/knowledge/problems.ts";
import { silentLogger } from "../log.ts";
import { versionStamp } from "../notify/app-version.ts";
import { createPublisher } from "../notify/publisher.ts";
import { createStore } from "../store/index.ts";
import type { Store } from "../store/types.ts";
import { knowledgeDir } from "./command.ts";

export interface PublishCommandArgs {
  mode: "diff" | "publish";
  json: boolean;
  knowledge?: string;
}

export interface PublishCommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export const PUBLISH_EXIT = Object.freeze({ ok: 0, failed: 1 });

/** Uses DATABASE_URL (PostgreSQL) or DATA_DIR (SQLite, default ./data), as the bot does. */
export async function runPublishCommand(
  args: PublishCommandArgs,
  io: PublishCommandIo,
  config: CommandConfig = loadCommandConfig(),
): Promise<number> {
  const name = `rolecall ${args.mode}`;
  let store: Store | undefined;
  try {
    store = await createStore({
      ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
      dataDir: config.dataDir,
      logger: { warn: (message) => io.stderr.write(`${name}: ${message}\n`) },
    });
    await store.migrate();
    const publisher = createPublisher({
      knowledgeDir: knowledgeDir(args.knowledge, config),
      store,
      logger: silentLogger,
      // Ordered against the running instances' publishes exactly as the bot orders its own.
      versionStamp: versionStamp(config.knowledgeRevision),
    });
    return args.mode === "diff"
      ? await diff(publisher, args.json, io)
      : await publish(publisher, args.json, io, name);
  } catch (error) {
    if (error instanceof KnowledgeError) return invalid(error.problems, io, name);
    io.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return PUBLISH_EXIT.failed;
  } finally {
    await store?.close();
  }
}

async function diff(
  publisher: ReturnType<typeof createPublisher>,
  json: boolean,
  io: PublishCommandIo,
): Promise<number> {
  const preview = await publisher.preview();
  if (json) {
    const { changes, previousSnapshotId, baseline } = preview;
    io.stdout.write(`${JSON.stringify({ changes, previousSnapshotId, baseline }, null, 2)}\n`);
  } else if (preview.baseline) {
    io.stdout.write(
      "Nothing has been published yet: publishing now stores this knowledge as the baseline and notifies nobody.\n",
    );
  } else {
    io.stdout.write(formatChanges(preview.changes));
  }
  return PUBLISH_EXIT.ok;
}

async function publish(
  publisher: ReturnType<typeof createPublisher>,
  json: boolean,
  io: PublishCommandIo,
  name: string,
): Promise<number> {
  const outcome = await publisher.publish("cli");
  switch (outcome.status) {
    case "invalid":
      return invalid(outcome.problems, io, name);
    case "failed":
      io.stderr.write(`${name}: ${outcome.error.message}\n`);
      return PUBLISH_EXIT.failed;
    case "conflict":
      io.stderr.write(`${name}: other Rolecall instances kept publishing at the same time; run it again\n`);
      return PUBLISH_EXIT.failed;
    case "older":
      io.stderr.write(
        `${name}: not published: this knowledge is older than the published knowledge (snapshot ${outcome.latestSnapshotId}); nobody was notified\n`,
      );
      return PUBLISH_EXIT.failed;
    case "rejected":
      io.stderr.write(
        `${name}: the store refuses this knowledge (${outcome.error.message}); make it smaller\n`,
      );
      return PUBLISH_EXIT.failed;
    case "unchanged":
      io.stdout.write(
        json
          ? `${JSON.stringify({ status: "unchanged", snapshotId: outcome.snapshotId, changes: [] }, null, 2)}\n`
          : `Nothing changed since the last publish (snapshot ${outcome.snapshotId}).\n`,
      );
      return PUBLISH_EXIT.ok;
    case "published": {
      const { snapshotId, baseline, deliveries, changes } = outcome;
      if (json) {
        const body = { status: "published", snapshotId, baseline, deliveries, changes };
        io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
      } else if (baseline) {
        io.stdout.write(`Published snapshot ${snapshotId} as the baseline; nobody was notified.\n`);
      } else {
        const queued =
          deliveries === 0
            ? "no subscribed channel follows these changes"
            : `${deliveries} ${deliveries === 1 ? "notification" : "notifications"} queued; the running bot posts them`;
        io.stdout.write(`${formatChanges(changes)}\nPublished snapshot ${snapshotId}: ${queued}.\n`);
      }
      return PUBLISH_EXIT.ok;
    }
  }
}

function invalid(problems: readonly KnowledgeProblem[], io: PublishCommandIo, name: string): number {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  const lines = problems.map((p) => `  ${formatProblem(p)}`).join("\n");
  io.stderr.write(`${name}: the knowledge has ${count}; nothing was published.\n${lines}\n`);
  return PUBLISH_EXIT.failed;
}

/** A readable list: the headline, then each subject with its changes. */
export function formatChanges(changes: readonly Change[]): string {
  const summary = summariseChanges(changes);
  if (summary.total === 0) return "No changes since the last publish.\n";
  const lines = [summary.headline];
  for (const group of summary.groups) {
    lines.push("", `${group.name} (${subject(group)})`);
    for (const change of group.changes) {
      lines.push(`  - ${change.summary}`);
      if (change.excerpt) lines.push(`      ${change.excerpt}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function subject(group: ChangeGroup): string {
  return group.kind === "raci" ? `RACI ${group.id}` : `${group.kind} ${group.id}`;
}
