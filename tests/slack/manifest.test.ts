// manifest.yml and the code must agree: every command, shortcut, event and action in one is handled
// by or declared in the other, with only the scopes those features need.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Change } from "../../src/core/changes/index.ts";
import { createRolecall, type Rolecall } from "../../src/core/engine.ts";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { exampleQuestions } from "../../src/slack/examples.ts";
import { ASSISTANT_EVENTS, BOT_EVENTS, BOT_SCOPES, COMMANDS, SHORTCUTS } from "../../src/slack/ids.ts";
import { ACTION_LISTENERS } from "../../src/slack/listeners/actions/index.ts";
import { COMMAND_LISTENERS } from "../../src/slack/listeners/commands/index.ts";
import { EVENT_LISTENERS } from "../../src/slack/listeners/events/index.ts";
import { MESSAGE_SHORTCUT_LISTENERS } from "../../src/slack/listeners/shortcuts/index.ts";
import { renderAnswer } from "../../src/slack/render/answer.ts";
import { renderHelp } from "../../src/slack/render/help.ts";
import { renderHome } from "../../src/slack/render/home.ts";
import { renderChangeDetails, renderChangeMessage } from "../../src/slack/updates/message.ts";
import { renderReviewReminder } from "../../src/slack/updates/review.ts";
import { REPO_ROOT, SHIPPED_KNOWLEDGE } from "../support/app-process.ts";

interface Manifest {
  features: {
    app_home: {
      home_tab_enabled: boolean;
      messages_tab_enabled: boolean;
      messages_tab_read_only_enabled: boolean;
    };
    bot_user: { display_name: string };
    assistant_view?: { assistant_description: string };
    slash_commands: Array<{ command: string; description: string; usage_hint?: string }>;
    shortcuts: Array<{ name: string; type: string; callback_id: string; description: string }>;
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

const manifestText = readFileSync(path.join(REPO_ROOT, "manifest.yml"), "utf8");
const manifest = parse(manifestText) as Manifest;
const sorted = (values: Iterable<string>) => [...values].sort();

describe("the HTTP-mode instructions", () => {
  // Slack's manifest schema: features.slash_commands[].url, settings.event_subscriptions.request_url and
  // settings.interactivity.request_url. A request_url on a command is rejected when the manifest is saved.
  const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8").replace(/\s+/g, " ");
  const comment = manifestText
    .split("\n")
    .filter((line) => line.startsWith("#"))
    .join(" ")
    .replace(/#\s*/g, "")
    .replace(/\s+/g, " ");

  it.each([
    ["README.md", readme],
    ["manifest.yml", comment],
  ])("in %s name url for slash commands and request_url for events and interactivity", (_name, text) => {
    expect(text).toMatch(
      /(?<!request_)`?url: https:\/\/<your-host>\/slack\/events`? to (each|every) slash command/,
    );
    expect(text).toMatch(
      /`?request_url: https:\/\/<your-host>\/slack\/events`? to `?(settings\.)?event_subscriptions`? and to `?(settings\.)?interactivity/,
    );
    expect(text).not.toMatch(/request_url[^.]*to (each|every) slash command/);
  });
});

describe("manifest.yml and the code", () => {
  it("declare the same slash commands, each with a listener", () => {
    const declared = sorted(manifest.features.slash_commands.map((c) => c.command));
    expect(declared).toEqual(sorted(Object.values(COMMANDS)));
    expect(declared).toEqual(sorted(Object.keys(COMMAND_LISTENERS)));
  });

  it('declare the message shortcut "Ask Rolecall about this", with a listener', () => {
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({
        name: "Ask Rolecall about this",
        type: "message",
        callback_id: SHORTCUTS.askAboutMessage,
      }),
    ]);
    expect(Object.keys(MESSAGE_SHORTCUT_LISTENERS)).toEqual([SHORTCUTS.askAboutMessage]);
  });

  it("subscribe to the same bot events, each with a listener", () => {
    const declared = manifest.settings.event_subscriptions.bot_events;
    const listened = declared.filter((event) => !(ASSISTANT_EVENTS as readonly string[]).includes(event));
    expect(sorted(listened)).toEqual(sorted(BOT_EVENTS));
    expect(sorted(listened)).toEqual(sorted(Object.keys(EVENT_LISTENERS)));
  });

  it("turn on the assistant panel, marked optional because it needs a paid plan", () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining([...ASSISTANT_EVENTS]),
    );
    expect(manifest.oauth_config.scopes.bot).toContain("assistant:write");
    expect(manifest.features.assistant_view?.assistant_description.length).toBeGreaterThan(0);
    expect(manifestText).toMatch(/# Optional: Slack's assistant panel .*needs a paid Slack plan/);
  });

  it("turn on interactivity, Socket Mode, App Home and its Messages tab", () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
  });

  it("ask for exactly the scopes the features need, and no user scopes", () => {
    // users:read: users.info says whether whoever changes a channel's subscriptions is a workspace admin.
    // usergroups:read: a review reminder for a user group goes to each of its members.
    const needed = new Set(["chat:write", "users:read", "usergroups:read"]);
    if (manifest.features.slash_commands.length > 0 || manifest.features.shortcuts.length > 0)
      needed.add("commands");
    const eventScopes: Record<string, string | undefined> = {
      app_mention: "app_mentions:read",
      "message.im": "im:history",
      app_home_opened: undefined,
      // the events about user groups need the scope that reads them
      subteam_members_changed: "usergroups:read",
      subteam_updated: "usergroups:read",
      app_uninstalled: undefined,
      tokens_revoked: undefined,
      assistant_thread_started: "assistant:write",
      assistant_thread_context_changed: "assistant:write",
    };
    for (const event of manifest.settings.event_subscriptions.bot_events) {
      expect(event in eventScopes, `no scope known for ${event}`).toBe(true);
      const scope = eventScopes[event];
      if (scope) needed.add(scope);
    }
    expect(sorted(manifest.oauth_config.scopes.bot)).toEqual(sorted(needed));
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it("ask an OAuth install for the same bot scopes", () => {
    expect(sorted(BOT_SCOPES)).toEqual(sorted(manifest.oauth_config.scopes.bot));
  });

  it("say why each scope is needed", () => {
    for (const scope of manifest.oauth_config.scopes.bot) {
      expect(manifestText).toMatch(new RegExp(`- ${scope} # \\S.{10,}`));
    }
  });

  it("keep Slack's length limits for descriptions", () => {
    for (const command of manifest.features.slash_commands)
      expect(command.description.length).toBeLessThanOrEqual(100);
    for (const shortcut of manifest.features.shortcuts)
      expect(shortcut.description.length).toBeLessThanOrEqual(80);
  });
});

describe("every button the renderers emit", () => {
  let rolecall: Rolecall;
  let actionIds: Set<string>;

  beforeAll(async () => {
    rolecall = createRolecall(await loadKnowledge(SHIPPED_KNOWLEDGE));
    const questions = [
      "help",
      "ITMG 5",
      "SFIA level 5",
      "compare ITMG 5 and 6",
      "IT service manager",
      "who is accountable for change management",
      "SLA",
      "xyzzy plugh",
      // the whole shipped matrix has more role columns than one table block holds: Next and Previous page
      "raci matrix",
      ...exampleQuestions(rolecall),
    ];
    const views: unknown[] = [renderHelp(exampleQuestions(rolecall)).blocks];
    for (const question of questions) {
      const answer = rolecall.ask(question);
      for (const surface of ["ephemeral", "message", "home"] as const) {
        const first = renderAnswer(answer, { question, surface });
        views.push(first.blocks);
        views.push(renderAnswer(answer, { question, surface, feedback: { answerId: "answer-1" } }).blocks);
        for (let page = 2; page <= first.pages; page++)
          views.push(renderAnswer(answer, { question, surface, page }).blocks);
      }
    }
    // A long answer in parts, with Previous and Show more: the whole shipped profile fits one page now,
    // so the parts are cut small.
    const long = rolecall.ask("IT service manager");
    const paged = renderAnswer(long, { question: "IT service manager", surface: "ephemeral", maxBlocks: 8 });
    for (let page = 1; page <= paged.pages; page++)
      views.push(
        renderAnswer(long, { question: "IT service manager", surface: "ephemeral", maxBlocks: 8, page })
          .blocks,
      );
    const frameworks = [...rolecall.knowledge.frameworks.values()];
    views.push(
      renderHome({ frameworks, examples: exampleQuestions(rolecall), subscriptionChannels: ["C0OPS"] }),
      // A profile's gap buttons, each asking for a level text.
      renderHome({
        frameworks,
        examples: [],
        profile: {
          overview: {
            label: "Senior IT service manager",
            gone: [],
            next: { name: "Head of IT service management", question: "what do I need for the next level" },
            gaps: [{ label: "Strategic thinking 3 → 4", question: "Strategic thinking 4" }],
          },
        },
      }),
    );
    // A framework update, and its details long enough for a Next and a Previous page.
    const changes: Change[] = Array.from({ length: 120 }, (_, i) => ({
      type: "skill_description_changed",
      kind: "skill",
      id: `sfia:S${i}`,
      name: `Skill ${i}`,
      framework: "sfia",
      summary: `Skill ${i}: description changed`,
    }));
    views.push(renderChangeMessage({ changes, snapshotId: "snapshot-1" }).blocks);
    const ref = { snapshotId: "snapshot-1", page: 1 };
    const firstPage = renderChangeDetails({ changes, ref });
    expect(firstPage.pages).toBeGreaterThan(2);
    views.push(firstPage.blocks, renderChangeDetails({ changes, ref: { ...ref, page: 2 } }).blocks);
    views.push(
      renderReviewReminder({
        format: "review_due",
        owner: "U0OWNER",
        items: [
          {
            scope: "file:raci.yaml",
            label: "raci.yaml",
            dueSince: "2026-02-04",
            every: "30d",
            files: ["raci.yaml"],
            subjects: 37,
          },
        ],
      }).blocks,
    );
    actionIds = new Set(
      JSON.stringify(views)
        .match(/"action_id":"[^"]+"/g)
        ?.map((m) => m.slice(13, -1)),
    );
  });

  it("has a listener", () => {
    expect(actionIds.size).toBeGreaterThan(0);
    for (const id of actionIds) {
      expect(
        ACTION_LISTENERS.some((l) => l.pattern.test(id)),
        `no listener for ${id}`,
      ).toBe(true);
    }
  });

  it("and every action listener has a button", () => {
    for (const listener of ACTION_LISTENERS) {
      expect(
        [...actionIds].some((id) => listener.pattern.test(id)),
        `nothing renders ${listener.pattern}`,
      ).toBe(true);
    }
  });
});
