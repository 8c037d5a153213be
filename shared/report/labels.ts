/**
 * Names the reader sees. A campaign id can run in several programs (spring-sale in two): those
 * rows carry their program, every other row its plain key.
 */
export function labelsFor<T extends { key: string; programId: string | null }>(
  items: readonly T[],
): string[] {
  const programs = new Map<string, Set<string | null>>();
  for (const item of items) programs.set(item.key, (programs.get(item.key) ?? new Set()).add(item.programId));
  return items.map((item) =>
    (programs.get(item.key)?.size ?? 0) > 1 && item.programId ? `${item.key} (${item.programId})` : item.key,
  );
}
