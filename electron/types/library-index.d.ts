declare module 'virtual:library-index' {
  import type { LibraryIndex } from '../engine/host/library-index';

  /** Built-in scenarios' library entries, computed at build time (scripts/library-index-plugin.ts). */
  const index: LibraryIndex;
  export default index;
}
