// A numbered schema migration, and which of a dialect's migrations a database still needs.

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** after the SQL, rebuild outbox rows that hold a rendered Slack message as change notices */
  upgradeOutboxPayloads?: true;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, migration) => Math.max(max, migration.version), 0);
}

export function pendingMigrations(migrations: readonly Migration[], applied: Iterable<number>): Migration[] {
  const done = new Set(applied);
  return migrations.filter((migration) => !done.has(migration.version)).sort((a, b) => a.version - b.version);
}
