// Vitest global setup: compiles src/ into dist/ once before any test starts, as `npm start` does before it
// runs, so the tests that start the app as a process always run the source as it is now.
import { compileProject } from "../../tools/compile.ts";

export default function buildApp(): void {
  compileProject("tsconfig.build.json", "npm run build failed, so the app cannot be started");
}
