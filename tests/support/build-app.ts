// Vitest global setup: compiles src/ into dist/ once before any test starts, as `npm start` does before it
// runs, so the tests that start the app as a process always run the source as it is now.
// It also checks for the licensed data some tests need: missing, those tests are skipped with one line
// saying so, and in CI (CI=true) the run fails instead.
import { compileProject } from "../../tools/compile.ts";
import { announceRealData } from "./real-data.ts";

export default function buildApp(): void {
  announceRealData();
  compileProject("tsconfig.build.json", "npm run build failed, so the app cannot be started");
}
