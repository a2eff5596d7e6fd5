// Loads the TypeScript engine-thread entry through tsx: Node 20 workers do not inherit its hooks.
import { register } from 'tsx/esm/api';

register();
await import('./engine-thread-entry.ts');
