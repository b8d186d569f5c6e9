/**
 * What is new in `items` since the ids already `seen`, in the order given. The caller keeps `seen`
 * across updates; an item that leaves and comes back is new again only if the caller forgot it.
 */
export function newArrivals<T extends { id: string }>(seen: ReadonlySet<string>, items: readonly T[]): T[] {
  return items.filter((item) => !seen.has(item.id));
}
