interface LoadMoreButtonProps {
  /** a `usePaginated` list: shown only while there is a next page */
  list: { nextCursor: string | null; loadingMore: boolean; loadMore: () => Promise<void> };
}

/** "Load more" under a paginated table, busy while the next page comes. */
export function LoadMoreButton({ list }: LoadMoreButtonProps) {
  if (!list.nextCursor) return null;
  return (
    <button type="button" className="button button-quiet" disabled={list.loadingMore} onClick={() => void list.loadMore()}>
      {list.loadingMore ? 'Loading…' : 'Load more'}
    </button>
  );
}
