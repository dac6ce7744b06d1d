// The shipped knowledge base must carry the seed documents faithfully and completely, and its RACI must be
// usable: these tests pin the key facts of every seed (verbatim where the seed is quoted) and the RACI minimums.
// Hard-coded tables always run; the seed-driven comparisons run when the seed folder is present.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { type KnowledgeFile, knowledgeFileSchema } from "../../src/core/knowledge/schema.ts";

type Sections = Required<Omit<KnowledgeFile, "$schema" | "review">>;
type Role = Sections["roles"][number];
type Skill = Sections["skills"][number];
type RaciRow = Sections["raci"][number];

const here = path.dirname(fileURLToPath(import.meta.url));
const knowledgeDir = path.resolve(here, "../../knowledge");
const seedDir = path.resolve(here, "../../../shared/seeds");
const hasSeeds = existsSync(seedDir);

/** Seeds use no-break and narrow no-break spaces and trailing blanks; compare text with whitespace collapsed. */
const norm = (s: string): string => s.replace(/\s+/g, " ").trim();

const files = readdirSync(knowledgeDir)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((file) => {
    const text = readFileSync(path.join(knowledgeDir, file), "utf8");
    return { file, text, data: parse(text) as unknown };
  });

const kb: Sections = {
  sources: [],
  frameworks: [],
  levels: [],
  skills: [],
  roles: [],
  raci: [],
  roster: [],
};
for (const { data } of files) {
  const result = knowledgeFileSchema.safeParse(data);
  if (!result.success) continue;
  for (const key of Object.keys(kb) as (keyof Sections)[]) {
    const items = result.data[key] ?? [];
    (kb[key] as unknown[]).push(...items);
  }
}

function collectStrings(value: unknown, out: string[]): string[] {
  if (typeof value === "string") out.push(norm(value));
  else if (Array.isArray(value)) {
    for (const v of value) collectStrings(v, out);
    // A paragraph split into list items (e.g. personal qualities) still counts as present.
    if (value.length > 1 && value.every((v) => typeof v === "string")) out.push(norm(value.join(" ")));
  } else if (value && typeof value === "object") for (const v of Object.values(value)) collectStrings(v, out);
  return out;
}
const allText = collectStrings(
  files.map((f) => f.data),
  [],
);
const inKnowledge = (snippet: string): boolean => allText.some((s) => s.includes(norm(snippet)));

function role(id: string): Role {
  const found = kb.roles.find((r) => r.id === id);
  if (!found) throw new Error(`role ${id} is not defined`);
  return found;
}
function skill(framework: string, code: string): Skill {
  const found = kb.skills.find((s) => s.framework === framework && s.code === code);
  if (!found) throw new Error(`skill ${framework}:${code} is not defined`);
  return found;
}
const asList = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const levelText = (levels: { level: number; description: string }[] | undefined, level: number) =>
  levels?.find((l) => l.level === level)?.description;

const itServiceManager = () => role("it-service-manager");
const itManager = () => role("it-manager");
const itmg = () => skill("sfia", "ITMG");

describe("knowledge files", () => {
  it.each(files.map((f) => [f.file, f]))("%s starts with the schema comment and validates", (_name, f) => {
    expect(f.text.split("\n")[0]).toBe("# yaml-language-server: $schema=./rolecall.schema.json");
    const result = knowledgeFileSchema.safeParse(f.data);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it("loads with every cross-reference resolved", async () => {
    const loaded = await loadKnowledge(knowledgeDir);
    expect(loaded.roles.size).toBe(kb.roles.length);
    expect(loaded.raci.size).toBe(kb.raci.length);
  });

  it.each([
    "seed-000-itmg-wiki",
    "seed-001-sfia7-itmg",
    "seed-002-it-manager-responsibilities",
    "seed-003-ddat-it-service-manager",
    "seed-004-it-manager-career",
    "rolecall-authored",
  ])("defines source %s", (id) => {
    expect(kb.sources.map((s) => s.id)).toContain(id);
  });
});

describe("frameworks and generic levels", () => {
  it.each([
    ["sfia", "SFIA", "Skills Framework for the Information Age", "level of responsibility"],
    ["ddat", "DDaT", "Government Digital and Data Profession Capability Framework", "skill level"],
    ["org", "Our organisation", "Organisation roles and RACI", undefined],
  ])("framework %s", (id, name, fullName, levelTerm) => {
    const framework = kb.frameworks.find((f) => f.id === id);
    expect(framework).toMatchObject({ name, fullName });
    if (levelTerm) expect(framework?.levelTerm).toBe(levelTerm);
  });

  it("SFIA carries its tagline and version 7", () => {
    expect(kb.frameworks.find((f) => f.id === "sfia")).toMatchObject({
      version: "7",
      tagline: "The global skills and competency framework for the digital world",
      url: "https://sfia-online.org/",
    });
  });

  it.each([
    ["sfia", 1, "Follow"],
    ["sfia", 2, "Assist"],
    ["sfia", 3, "Apply"],
    ["sfia", 4, "Enable"],
    ["sfia", 5, "Ensure/advise"],
    ["sfia", 6, "Initiate/influence"],
    ["sfia", 7, "Set strategy/inspire/mobilise"],
    ["ddat", 1, "Awareness"],
    ["ddat", 2, "Working"],
    ["ddat", 3, "Practitioner"],
    ["ddat", 4, "Expert"],
  ])("%s level %i is %s, with a description", (framework, level, name) => {
    const found = kb.levels.find((l) => l.framework === framework && l.level === level);
    expect(found?.name).toBe(name);
    expect(found?.description.split(/[.!?](\s|$)/).length).toBeGreaterThan(2);
  });

  it.each([
    [5, ["Ensure, advise", "Ensure", "Advise"]],
    [6, ["Initiate, influence", "Initiate", "Influence"]],
    [7, ["Set strategy, inspire, mobilise", "Set strategy", "Inspire", "Mobilise"]],
  ])("SFIA level %i has the other spellings of its name as aliases", (level, aliases) => {
    const found = kb.levels.find((l) => l.framework === "sfia" && l.level === level);
    expect(found?.aliases).toEqual(expect.arrayContaining(aliases));
  });

  it("SFIA level descriptions are our own words, not SFIA's", () => {
    // Phrases of SFIA's licensed level wording that must not appear in our descriptions.
    const sfiaPhrases = [
      "Works under close direction",
      "Uses little discretion",
      "Works under general direction",
    ];
    for (const level of kb.levels.filter((l) => l.framework === "sfia")) {
      for (const phrase of sfiaPhrases) expect(level.description).not.toContain(phrase);
    }
  });
});

describe("seed 001: SFIA 7 IT management (ITMG)", () => {
  it("is the SFIA 7 skill with its category, levels and url", () => {
    expect(itmg()).toMatchObject({
      name: "IT management",
      version: "7",
      category: "Service management",
      subcategory: "Service strategy",
      url: "https://sfia-online.org/en/sfia-7/skills/it-management",
    });
    expect(itmg().levels.map((l) => l.level)).toEqual([5, 6, 7]);
    expect(itmg().undefinedLevelsNote).toContain(
      "This skill is not typically observed when working at these levels of responsibility.",
    );
    expect(itmg().undefinedLevelsNote).toContain("1-4");
  });

  it.each([
    [
      5,
      "Investigates and manages the adoption of appropriate tools, techniques and processes (including automation)",
    ],
    [
      6,
      "Engages with and influences senior level stakeholders and project teams through change management processes",
    ],
    [
      7,
      "Sets strategy for management of technology resources, including corporate telecommunications functions",
    ],
  ])("level %i uses the SFIA 7 wording", (level, phrase) => {
    expect(levelText(itmg().levels, level)).toContain(phrase);
  });

  it("records the move to SFIA 8 and the rename, bullet by bullet", () => {
    const change = itmg().changes?.find((c) => c.version === "8");
    expect(change).toMatchObject({ title: "Moving to SFIA 8", renamedTo: "Technology service management" });
    expect(change?.notes.map(norm)).toEqual([
      "The skill has a shift of focus towards technical service delivery management – and has been renamed as Technology service management",
      "The existing skill descriptions have also been edited for readability and guidance notes have been added",
      "Details available here - SFIA 8 Technology service management",
      "SFIA 7 skill descriptions will remain available for you to use",
      "Previous SFIA assessments may be impacted by this change.",
    ]);
  });

  describe.skipIf(!hasSeeds)("verbatim against the seed", () => {
    const seed = () => readSeed("001");

    it("description", () => {
      const lines = seedLines(seed());
      const description = lines[lines.indexOf("IT management ITMG") + 1] ?? "";
      expect(norm(itmg().description)).toBe(description);
    });

    it.each([5, 6, 7])("level %i", (level) => {
      const lines = seedLines(seed());
      const text = lines[lines.indexOf(`IT management: Level ${level}`) + 1] ?? "";
      expect(text.length).toBeGreaterThan(100);
      expect(norm(levelText(itmg().levels, level) ?? "")).toBe(text);
    });

    it("SFIA 8 notes", () => {
      const bullets = seedLines(seed())
        .filter((l) => l.startsWith("•"))
        .map((l) => norm(l.slice(1)));
      expect(bullets).toHaveLength(5);
      expect(itmg().changes?.[0]?.notes.map(norm)).toEqual(bullets);
    });

    it("levels 1-4 note, levels defined and tagline", () => {
      const lines = seedLines(seed());
      expect(norm(itmg().undefinedLevelsNote ?? "")).toContain(
        lines[lines.indexOf("IT management: Levels 1-4") + 1],
      );
      expect(inKnowledge("Defined at these levels: 5 6 7")).toBe(true);
      expect(kb.frameworks.find((f) => f.id === "sfia")?.tagline).toBe(lines[0]);
    });
  });
});

describe("seed 000: the IT Best Practices wiki role page", () => {
  const revision = () => itmg().revisions?.find((r) => r.sources?.includes("seed-000-itmg-wiki"));
  const source = () => kb.sources.find((s) => s.id === "seed-000-itmg-wiki");

  it("is kept as the earlier wording of ITMG", () => {
    expect(revision()).toMatchObject({
      label: "Earlier wording (IT Best Practices wiki)",
      category: "Service management",
      subcategory: "Service strategy",
    });
    expect(revision()?.levels.map((l) => l.level)).toEqual([5, 6, 7]);
    expect(itmg().sources).toEqual(expect.arrayContaining(["seed-000-itmg-wiki", "seed-001-sfia7-itmg"]));
  });

  it("keeps the page's keywords, description and SFIA link", () => {
    expect(source()?.keywords).toEqual(["ALM", "it best practices", "the sdlc", "application development"]);
    expect(source()?.description).toBe(
      "Description of the IT management role within ALM and the IT industry in general, based on IT Best Practices",
    );
    expect(source()?.links).toContainEqual({
      title: "Skills Framework for the Information Age",
      url: "http://www.sfia.org.uk",
    });
  });

  it("describes the RACI datatables and the continue-reading link", () => {
    expect(inKnowledge("To the complete list of roles")).toBe(true);
    for (const phrase of ["Processes", "Practices", "Tools used", "sorted by maturity"]) {
      expect(source()?.notes?.some((n) => n.includes(phrase))).toBe(true);
    }
  });

  describe.skipIf(!hasSeeds)("verbatim against the seed", () => {
    const section = (heading: string): string => {
      const lines = seedLines(readSeed("000"));
      return lines[lines.indexOf(heading) + 1] ?? "";
    };

    it.each([5, 6, 7])("SFIA Level %i", (level) => {
      const text = section(`==== SFIA Level ${level} ====`);
      expect(text.length).toBeGreaterThan(100);
      expect(norm(levelText(revision()?.levels, level) ?? "")).toBe(text);
    });

    it("description (identical to SFIA 7)", () => {
      const text = section("==== Description ====");
      expect(norm(revision()?.description ?? "")).toBe(text);
      expect(norm(itmg().description)).toBe(text);
    });

    it("data entry fields", () => {
      const seed = readSeed("000");
      const field = (name: string) => norm(new RegExp(`^${name}\\s*:(.*)$`, "m").exec(seed)?.[1] ?? "");
      expect(revision()?.category).toBe(field("category"));
      expect(revision()?.subcategory).toBe(field("subcategory"));
      expect(revision()?.name).toBe(field("name"));
      expect(source()?.keywords?.join(", ")).toBe(/\{\{keywords>(.*)\}\}/.exec(seed)?.[1]);
      expect(source()?.description).toBe(/\{\{description>(.*)\}\}/.exec(seed)?.[1]);
    });
  });
});

describe("seed 002: IT manager responsibilities", () => {
  it.each([
    "IT Planning and Implementation",
    "IT Governance",
    "IT Service Management",
    "Team and Project Management",
    "IT Budget Management",
  ])("IT manager area %s", (title) => {
    const area = itManager().areas?.find((a) => a.title === title);
    expect(area?.text.length).toBeGreaterThan(200);
  });

  it.each([
    "custodian of the enterprise’s IT infrastructure and resources and a steward of IT governance and strategy",
    "interpreting and implementing rules and regulations like Sarbanes-Oxley (SOx)",
    "The South University Bachelor of Science in Information Technology program",
  ])("keeps %s", (phrase) => {
    expect(inKnowledge(phrase)).toBe(true);
  });

  describe.skipIf(!hasSeeds)("verbatim against the seed", () => {
    const lines = () => seedLines(readSeed("002"));

    it("every line of the article is in the knowledge base", () => {
      const missing = lines().filter((l) => !inKnowledge(l));
      expect(missing).toEqual([]);
    });

    it("the intro is the IT manager's first overview paragraph", () => {
      expect(norm(itManager().overview?.[0] ?? "")).toBe(lines()[0]);
    });

    it.each([1, 3, 5, 7, 9])("area at line %i with its full text", (index) => {
      const [title, text] = [lines()[index], lines()[index + 1]];
      expect(itManager().areas?.find((a) => a.title === title)?.text).toBe(text);
    });

    it("career paragraph is a note of the IT manager", () => {
      const at = lines().indexOf("Interested in a Career in IT Management?");
      const note = itManager().notes?.find((n) => n.title === "Interested in a Career in IT Management?");
      expect(norm(note?.text ?? "")).toBe(lines()[at + 1]);
    });
  });
});

describe("seed 003: DDaT IT service manager", () => {
  it("is a DDaT role in the IT Operations family", () => {
    expect(itServiceManager()).toMatchObject({ framework: "ddat", family: "IT Operations" });
    expect(itServiceManager().summary).toBe(
      "An IT service manager is responsible for defining service level agreements (SLAs) and operational level agreements (OLAs) across all relevant business functions.",
    );
    expect(itServiceManager().responsibilities).toHaveLength(9);
    expect(itServiceManager().aliases).toEqual(expect.arrayContaining(["IT services manager"]));
    expect(itServiceManager().relatedRoles?.map((r) => r.role)).toContain("it-manager");
  });

  it.each([
    ["Numeracy", undefined, "Behavioural Skills"],
    ["Commercial Orientation", undefined, "Behavioural Skills"],
    ["Attention to Detail", undefined, "Behavioural Skills"],
    ["Organisational Awareness", undefined, "Behavioural Skills"],
    ["Cross-Functional and Inter-Disciplinary Awareness", undefined, "Behavioural Skills"],
    ["Interacting with People", undefined, "Behavioural Skills"],
    ["Teamwork", undefined, "Behavioural"],
    ["Providing Direction", undefined, "Behavioural"],
    ["Follow-up and Monitoring", undefined, "Behavioural Skills"],
    ["National/International Standards", "Aware of", "Technical Knowledge and Skills"],
    ["Corporate, Industry and Professional Standards", "Familiar with", "Technical Knowledge and Skills"],
    ["Business Continuity Planning", "Aware of", "Technical Knowledge and Skills"],
    ["Business Environment", "Familiar with", "Technical Knowledge and Skills"],
    ["IT Environment", "Familiar with", "Technical Knowledge and Skills"],
    ["Value Chain Concepts", "Familiar with", "Other Knowledge and Skills"],
    ["Presentation Techniques", "Familiar with", "Other Knowledge and Skills"],
    ["Appraisal Techniques", "Familiar with", "Other Knowledge and Skills"],
    ["Operations Management", "Familiar with", "Other Knowledge and Skills"],
    ["Budgets", "Aware of", "Other Knowledge and Skills"],
    ["Risk Management", "Familiar with", "Other Knowledge and Skills"],
    ["Techniques for Effective Meetings", "Aware of", "Other Knowledge and Skills"],
    ["Coaching Techniques", "Familiar with", "Other Knowledge and Skills"],
    ["Project Planning and Control Techniques", "Aware of", "Other Knowledge and Skills"],
    ["Own Organisation’s Learning and Development Procedures", "Familiar with", "Other Knowledge and Skills"],
    ["Resource Allocation", "Familiar with", "Other Knowledge and Skills"],
    ["Service Delivery Economics", "Familiar with", "Other Knowledge and Skills"],
    ["Service Level Agreements", "Proficient in", "Other Knowledge and Skills"],
    ["Financial Management", "Familiar with", "Other Knowledge and Skills"],
    ["Performance Monitoring", "Familiar with", "Other Knowledge and Skills"],
    ["Disciplinary Issues and Procedures", "Familiar with", "Other Knowledge and Skills"],
    ["Team Dynamics", "Aware of", "Other Knowledge and Skills"],
    ["Information Assurance", "Familiar with", "Other Knowledge and Skills"],
  ])("knowledge item %s: %s (%s)", (name, depth, type) => {
    const item = itServiceManager().knowledge?.find((k) => k.name === name);
    expect(item).toBeDefined();
    expect(item?.depth).toBe(depth);
    expect(item?.type).toBe(type);
  });

  it.each([
    ["ITIL 4 Specialist Create, Deliver and Support (Managing Professional Module)", "AXELOS"],
    ["ITIL 4 Specialist High-velocity IT (Managing Professional Module)", "AXELOS"],
    ["ITIL 3 Capability Module Operational Support and Analysis (Intermediate)", "AXELOS"],
    ["ITIL 3 Capability Module Planning, Protection and Optimization (Intermediate)", "AXELOS"],
    ["ITIL 3 Capability Module Service, Offerings and Agreements", "AXELOS"],
    ["ITIL 3 Lifecycle Module Continual Service Improvement (Intermediate)", "AXELOS"],
    ["ITIL 3 Lifecycle Module Service Design (Intermediate)", "AXELOS"],
    ["ITIL 3 Lifecycle Module Service Operation (Intermediate)", "AXELOS"],
    ["FEDIP Senior Practitioner", "FEDIP"],
    ["ITIL Practitioner", "AXELOS"],
  ])("qualification %s awarded by %s", (title, awardingBody) => {
    expect(itServiceManager().qualifications).toContainEqual({ title, awardingBody });
  });

  it.each([
    ["IT Ops – Asset and configuration management", 2, "Working"],
    ["IT Ops – Business analysis (IT Operations)", 2, "Working"],
    ["IT Ops – Continual service improvement", 2, "Working"],
    ["IT Ops – Ownership and initiative", 2, "Working"],
    ["IT Ops – Service focus", 3, "Practitioner"],
    ["IT Ops – Service management framework knowledge", 2, "Working"],
    ["IT Ops – Service reporting", 2, "Working"],
    ["IT Ops – Stakeholder relationship management (IT operations)", 2, "Working"],
    ["IT Ops – Strategic thinking", 2, "Working"],
    ["IT Ops – Technical understanding", 2, "Working"],
    ["IT Ops – User focus", 2, "Working"],
  ])("organisation skill %s at level %i (%s)", (name, level, levelName) => {
    const found = kb.skills.filter((s) => s.framework === "ddat" && s.name === name);
    expect(found).toHaveLength(1);
    const ddatSkill = found[0] as Skill;
    expect(ddatSkill.category).toBe("IT Operations Job Family");
    expect(ddatSkill.levels.map((l) => l.level)).toEqual([level]);
    expect(itServiceManager().skills).toContainEqual(
      expect.objectContaining({ skill: `ddat:${ddatSkill.code}`, level, levelName }),
    );
  });

  it("the role profile names exactly the 11 organisation skills", () => {
    expect(kb.skills.filter((s) => s.framework === "ddat")).toHaveLength(11);
    expect(itServiceManager().skills).toHaveLength(11);
  });

  it("the BCS / Role Model Plus line stays with the DDaT source", () => {
    const source = kb.sources.find((s) => s.id === "seed-003-ddat-it-service-manager");
    expect(source?.notes).toContain(
      "This job role profile was created in collaboration with BCS, using Role Model Plus. BCS is the professional body that has the responsibility of updating this job family.",
    );
  });

  it.each([
    [
      "workActivities",
      "Guidance, performance and feedback",
      "Gives regular feedback to team members and leads them to",
    ],
    ["workActivities", "Customer relationships and negotiations", "breaches of service level"],
  ] as const)("%s %s keeps the source's truncation", (field, title, ending) => {
    expect(
      itServiceManager()
        [field]?.find((w) => w.title === title)
        ?.text.endsWith(ending),
    ).toBe(true);
  });

  describe.skipIf(!hasSeeds)("verbatim against the seed", () => {
    const seed = () => parseDdatProfile(readSeed("003"));

    it("summary and role-level bullets", () => {
      expect(norm(itServiceManager().summary)).toBe(seed().summary);
      expect(itServiceManager().responsibilities?.map(norm)).toEqual(seed().bullets);
    });

    it("background components", () => {
      expect(itServiceManager().background?.map((b) => [b.title, norm(b.text)])).toEqual(seed().background);
    });

    it("work activities", () => {
      expect(itServiceManager().workActivities?.map((w) => [w.title, norm(w.text)])).toEqual(
        seed().workActivities,
      );
    });

    it("knowledge and skills: every item with depth, type and details", () => {
      const actual = itServiceManager().knowledge?.map((k) => ({
        name: k.name,
        depth: k.depth,
        type: k.type,
        description: norm(k.description),
      }));
      expect(actual).toEqual(seed().knowledge);
      expect(seed().knowledge).toHaveLength(32);
    });

    it("training", () => {
      expect(itServiceManager().training?.map((t) => [t.title, norm(t.text)])).toEqual(seed().training);
    });

    it("professional development activities", () => {
      expect(itServiceManager().developmentActivities?.map((t) => [t.title, norm(t.text)])).toEqual(
        seed().pdas,
      );
    });

    it("qualifications", () => {
      expect(itServiceManager().qualifications?.map((q) => [q.title, q.awardingBody])).toEqual(
        seed().qualifications,
      );
    });

    it("organisation skills: name, description, level and level text", () => {
      expect(seed().skills).toHaveLength(11);
      for (const s of seed().skills) {
        const found = kb.skills.find((k) => k.framework === "ddat" && k.name === s.name);
        expect(found, s.name).toBeDefined();
        expect(found?.category).toBe(s.category);
        expect(norm(found?.description ?? "")).toBe(s.description);
        expect(found?.levels.map((l) => [l.level, norm(l.description)])).toEqual([[s.level, s.levelText]]);
        expect(itServiceManager().skills).toContainEqual(
          expect.objectContaining({ skill: `ddat:${found?.code}`, level: s.level, levelName: s.levelName }),
        );
      }
    });

    it("closing line", () => {
      expect(inKnowledge(seed().closing)).toBe(true);
    });
  });
});

describe("seed 004: IT manager career page", () => {
  it("relates the IT manager to the IT service manager as the page does", () => {
    const relation = itManager().relatedRoles?.find((r) => r.role === "it-service-manager")?.relation ?? "";
    expect(relation).toContain("Part of such a position is called an IT services manager.");
    expect(relation).toContain("intermediary between technicians and internal users or external customers");
  });

  it.each([
    ["Features of the profession", "IT manager is a relatively new profession."],
    ["Range of positions", "This is the director of the IT department"],
    ["Small and large organisations", "In a small organization, all of these tasks"],
    ["ITIL Foundation", "https://itil.press/"],
  ])("IT manager note %s", (title, phrase) => {
    expect(itManager().notes?.find((n) => n.title === title)?.text).toContain(phrase);
  });

  it("keeps professional skills, personal qualities and the ITIL link", () => {
    expect(itManager().professionalSkills?.join(" ")).toContain("draw up a contract, prepare a report");
    expect(itManager().personalQualities?.join(" ")).toContain("the ability to lead, sociability");
    expect(kb.sources.find((s) => s.id === "seed-004-it-manager-career")?.links).toContainEqual({
      title: "ITIL Foundation books",
      url: "https://itil.press/",
    });
    expect(itManager().skills).toContainEqual(expect.objectContaining({ skill: "sfia:ITMG" }));
  });

  describe.skipIf(!hasSeeds)("verbatim against the seed", () => {
    const headings: Record<string, () => boolean> = {
      "IT Manager Career": () => kb.sources.some((s) => s.title === "IT Manager Career"),
      "FEATURES OF THE PROFESSION": () =>
        itManager().notes?.some((n) => n.title === "Features of the profession") ?? false,
      "WORK RESPONSIBILITIES": () => inKnowledge("WORK RESPONSIBILITIES"),
      "PROFESSIONAL SKILLS": () => (itManager().professionalSkills?.length ?? 0) > 0,
    };

    // Page furniture, not facts: a stray draft line and the blog's comment form.
    const pageFurniture = new Set([
      "SIngle post?",
      "Leave a Reply",
      "Your email address will not be published. Required fields are marked *",
      "Register to see more profiles:",
    ]);

    it("every paragraph is in the knowledge base (headings by where they live)", () => {
      const paragraphs = readSeed("004")
        .split(/\n\s*\n/)
        .map(norm)
        .filter((p) => p.length > 0 && !pageFurniture.has(p));
      const missing = paragraphs.filter((p) => {
        const heading = headings[p];
        return heading ? !heading() : !inKnowledge(p);
      });
      expect(missing).toEqual([]);
    });
  });
});

describe("RACI", () => {
  const byKind = (kind: RaciRow["kind"]) => kb.raci.filter((r) => r.kind === kind);
  const roleIds = new Set(kb.roles.map((r) => r.id));

  it("has at least 15 processes, 6 practices and 6 tools", () => {
    expect(byKind("process").length).toBeGreaterThanOrEqual(15);
    expect(byKind("practice").length).toBeGreaterThanOrEqual(6);
    expect(byKind("tool").length).toBeGreaterThanOrEqual(6);
  });

  it.each([
    "Change management",
    "Incident management",
    "Problem management",
    "Service level management",
    "Service catalogue management",
    "IT asset and configuration management",
    "Continual service improvement",
    "Information security management",
    "Supplier management",
    "Capacity and performance management",
    "Service continuity management",
    "Release management",
    "IT financial and budget management",
    "Relationship management",
    "Knowledge management",
  ])("has the process %s", (name) => {
    expect(byKind("process").map((r) => r.name)).toContain(name);
  });

  it.each(kb.raci.map((r) => [r.id, r]))("%s: one accountable, known roles, no role twice", (_id, row) => {
    const letters = {
      responsible: asList(row.responsible),
      accountable: asList(row.accountable),
      consulted: asList(row.consulted),
      informed: asList(row.informed),
    };
    expect(letters.accountable).toHaveLength(1);
    expect(letters.responsible.length).toBeGreaterThan(0);
    const all = Object.values(letters).flat();
    expect(all.filter((id) => !roleIds.has(id))).toEqual([]);
    expect(new Set(all).size).toBe(all.length);
    expect(row.sources).toContain("rolecall-authored");
    if (row.kind === "practice") {
      expect(row.maturity?.level).toBeGreaterThanOrEqual(1);
      expect(row.maturity?.level).toBeLessThanOrEqual(5);
      expect(row.maturity?.name.length).toBeGreaterThan(0);
    } else {
      expect(row.maturity).toBeUndefined();
    }
  });

  it("no alias points at two rows", () => {
    const seen = new Map<string, string>();
    for (const row of kb.raci) {
      for (const name of [row.name, ...(row.aliases ?? [])]) {
        const key = name.toLowerCase();
        expect(seen.get(key) ?? row.id, `${name} is used by ${seen.get(key)} and ${row.id}`).toBe(row.id);
        seen.set(key, row.id);
      }
    }
  });

  it.each([
    ["Service level management", "it-service-manager"],
    ["Service catalogue management", "it-service-manager"],
    ["Continual service improvement", "it-service-manager"],
    ["IT financial and budget management", "it-manager"],
    ["Information security management", "cio"],
  ])("%s is accountable to %s", (name, accountable) => {
    expect(kb.raci.find((r) => r.name === name)?.accountable).toBe(accountable);
  });

  it.each(["it-manager", "it-service-manager"])("%s appears in many rows", (id) => {
    const rows = kb.raci.filter((r) =>
      [r.responsible, r.accountable, r.consulted, r.informed].some((v) => asList(v).includes(id)),
    );
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(rows.filter((r) => asList(r.accountable).includes(id)).length).toBeGreaterThanOrEqual(5);
  });

  it("every organisation role has a summary, responsibilities and a RACI assignment", () => {
    const assigned = new Set(
      kb.raci.flatMap((r) => [r.responsible, r.accountable, r.consulted, r.informed].flatMap(asList)),
    );
    for (const r of kb.roles.filter((r) => r.framework === "org" && r.id !== "it-manager")) {
      expect(r.responsibilities?.length, r.id).toBeGreaterThan(1);
      expect(r.sources, r.id).toContain("rolecall-authored");
    }
    expect(kb.roles.filter((r) => !assigned.has(r.id)).map((r) => r.id)).toEqual([]);
  });
});

// ---------------------------------------------------------------- seed readers

function readSeed(prefix: string): string {
  const file = readdirSync(seedDir).find((f) => f.startsWith(`${prefix}_`));
  if (!file) throw new Error(`seed ${prefix}_* not found in ${seedDir}`);
  return readFileSync(path.join(seedDir, file), "utf8");
}

function seedLines(text: string): string[] {
  return text
    .split("\n")
    .map(norm)
    .filter((l) => l.length > 0);
}

const DEPTHS = new Set(["Aware of", "Familiar with", "Proficient in", "Expert in"]);

/** Reads the DDaT role profile's pipe tables: each cell is a line ending in " |". */
function parseDdatProfile(text: string) {
  const lines = text.split("\n").map((l) => l.trimEnd());
  const cell = (line: string) => norm(line.replace(/\|$/, ""));
  const at = (marker: string, from = 0) => {
    const index = lines.indexOf(marker, from);
    if (index < 0) throw new Error(`"${marker}" not found in the DDaT profile`);
    return index;
  };
  /** Cells of the table that follows `heading`, up to the line `end`. */
  const table = (heading: string, end: string): string[] => {
    const start = at(heading);
    const separator = lines.findIndex((l, i) => i > start && /^-+\|/.test(l));
    return lines.slice(separator + 1, at(end, separator)).map(cell);
  };
  const pairs = (cells: string[]): [string, string][] => {
    const out: [string, string][] = [];
    for (let i = 0; i + 1 < cells.length; i += 2) out.push([cells[i] ?? "", cells[i + 1] ?? ""]);
    return out;
  };

  const summary = norm(lines[at("Summary") + 1] ?? "");
  const bullets = lines
    .slice(at("At this role level, you will:") + 1, at("Background"))
    .map(norm)
    .filter((l) => l !== "-" && l !== "");
  // Background rows are "description | background heading |".
  const background = pairs(table("Background Components", "Work Activity Components")).map(
    ([description, heading]) => [heading, description],
  );
  const workActivities = pairs(table("Work Activity Components", "Knowledge/Skills"));

  const knowledgeCells = table("Knowledge/Skills Components", "Training Activities");
  const knowledge: { name: string; depth: string | undefined; type: string; description: string }[] = [];
  for (let i = 0; i < knowledgeCells.length; i += 4) {
    const [name = "", second = "", third = "", fourth = ""] = knowledgeCells.slice(i, i + 4);
    // Items with a depth read title, depth, details, type; behavioural ones read title, details, type, (empty).
    knowledge.push(
      DEPTHS.has(second)
        ? { name, depth: second, type: fourth, description: third }
        : { name, depth: undefined, type: third, description: second },
    );
  }

  const training = pairs(table("Training Components", "PDAs"));
  const pdas = pairs(table("PDA Components", "Qualifications"));
  const qualifications = pairs(table("Qualification Components", "Organisation Skills"));

  const skillCells = table(
    "Organisation Skills",
    lines.find((l) => l.startsWith("This job role profile")) ?? "",
  );
  const skills = [];
  for (let i = 0; i < skillCells.length; i += 3) {
    const [framework = "", nameAndDescription = "", levelAndText = ""] = skillCells.slice(i, i + 3);
    const named = /^(IT Ops – .+?) (You .*)$/.exec(nameAndDescription);
    const levelled = /^(\d) – (\S+) (.*)$/.exec(levelAndText);
    if (!named || !levelled) throw new Error(`cannot read organisation skill: ${nameAndDescription}`);
    skills.push({
      category: framework.split(" » ").at(-1) ?? "",
      name: named[1] ?? "",
      description: named[2] ?? "",
      level: Number(levelled[1]),
      levelName: levelled[2] ?? "",
      levelText: levelled[3] ?? "",
    });
  }
  const closing = lines.find((l) => l.startsWith("This job role profile")) ?? "";
  return {
    summary,
    bullets,
    background,
    workActivities,
    knowledge,
    training,
    pdas,
    qualifications,
    skills,
    closing,
  };
}
