// Where the rows of the virtualized list come from. The list only ever asks
// "how many rows?", "row i, if loaded?" and "please load [start, end)", so a
// 100,000-message folder costs what the visible window costs:
//  - PagedSource: a folder from the cache, fetched by offset in pages that are
//    kept in memory (least recently used pages are dropped past a cap);
//  - ThreadSource: the same folder grouped into conversations;
//  - ArraySource: a finished list (search hits, directives).
// Sources are plain objects with a version number; React reads them through
// useSyncExternalStore, so a page arriving re-renders only the list.
export { ArraySource } from './array-source.ts';
export { PagedSource } from './paged-source.ts';
export type { PageFetch, RowSource, ThreadFetch } from './row-source.ts';
export { ThreadSource } from './thread-source.ts';
