// Every seed fact must be answerable: one question per fact, asked of the engine, not just found in YAML.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createRolecall, type Rolecall } from "../../src/core/engine.ts";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { PLAIN, renderText } from "../../src/render/text.ts";

let rolecall: Rolecall;

beforeAll(async () => {
  rolecall = createRolecall(await loadKnowledge(path.resolve(import.meta.dirname, "../../knowledge")));
});

/** The answer as a person reads it, with the *marks* around matched words taken out. */
function read(question: string): string {
  return renderText(rolecall.ask(question), PLAIN);
}

const FACTS: Record<string, Array<[question: string, answerContains: string]>> = {
  "000 IT Best Practices wiki page": [
    ["ITMG", "The management of the IT infrastructure and resources"],
    ["ITMG category", "Service management"],
    ["IT management subcategory", "Service strategy"],
    ["ITMG 5", "IT infra-structure components"],
    ["ALM keywords", "application development"],
    ["IT Best Practices", "Description of the IT management role within ALM"],
    ["sfia.org.uk", "http://www.sfia.org.uk"],
    ["RACI tables sorted by maturity", "sorted by maturity"],
    ["complete list of roles", "To the complete list of roles"],
  ],
  "001 SFIA 7 page": [
    [
      "global skills and competency framework",
      "The global skills and competency framework for the digital world",
    ],
    ["ITMG 6", "Develops new methods and organisational capabilities (including automation)"],
    ["ITMG 7", "Sets strategy for management of technology resources"],
    ["ITMG 2", "not typically observed"],
    ["Technology service management", "renamed Technology service management"],
    ["technical service delivery", "shift of focus towards technical service delivery management"],
    ["guidance notes added", "guidance notes have been added"],
    ["will SFIA 7 descriptions remain available", "SFIA 7 skill descriptions will remain available"],
    ["previous SFIA assessments", "Previous SFIA assessments may be impacted"],
  ],
  "002 IT manager responsibilities": [
    ["SOx", "Sarbanes-Oxley"],
    ["IT manager", "custodian of the enterprise’s IT infrastructure"],
    ["IT manager responsibilities", "IT Planning and Implementation"],
    ["audit and control processes", "IT governance strategy with audit and control processes"],
    ["capacity continuity availability security", "capacity, continuity, availability and security"],
    ["celebrate team accomplishments", "celebrate team accomplishments"],
    ["IT funding", "IT funding is not an unlimited resource"],
    ["South University", "Bachelor of Science in Information Technology"],
  ],
  "003 DDaT IT service manager": [
    [
      "IT service manager",
      "defining service level agreements (SLAs) and operational level agreements (OLAs)",
    ],
    ["multi-sourced service support team", "multi-sourced service support team"],
    ["IT service manager background", "Understands the concepts and practices of human resources"],
    ["IT service manager work activities", "Formal appraisals"],
    ["probationary period", "Defines and supervises probationary periods"],
    ["IT service manager knowledge", "National/International Standards (Aware of)"],
    ["IT service manager knowledge", "Service Level Agreements (Proficient in)"],
    ["Caldicott Principles", "Caldicott Principles"],
    ["GROW model", "GROW model"],
    ["IT service manager training", "Data Protection and GDPR"],
    ["deputising", "Standing in for supervisor or manager"],
    ["Job Shadowing", "Job Shadowing and Special Assignments"],
    [
      "IT service manager qualifications",
      "ITIL 4 Specialist High-velocity IT (Managing Professional Module) (awarded by AXELOS)",
    ],
    ["FEDIP", "FEDIP Senior Practitioner"],
    ["IT service manager skills", "IT Ops – Service focus: level 3 – Practitioner"],
    ["IT service manager skills", "IT Ops – Service reporting: level 2 – Working"],
    ["Role Model Plus", "created in collaboration with BCS, using Role Model Plus"],
    ["what does Awareness mean", "Awareness"],
    ["what does Expert mean", "Expert"],
  ],
  "004 IT manager career": [
    ["intermediary between technicians and users", "intermediary between technicians and internal users"],
    ["IT services manager", "IT services manager"],
    ["head of the computer center", "director of the IT department"],
    ["small organization", "concentrated in the hands of one leader"],
    ["IT manager professional skills", "draw up a contract"],
    ["sociability", "the ability to lead, sociability, and a willingness to constantly learn new things"],
    ["ITIL Foundation books", "https://itil.press/"],
  ],
};

for (const [seed, facts] of Object.entries(FACTS)) {
  describe(`facts from seed ${seed}`, () => {
    it.each(facts)("asking %j gives an answer containing %j", (question, expected) => {
      expect(read(question)).toContain(expected);
    });
  });
}
