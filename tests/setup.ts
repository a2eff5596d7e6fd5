import { vi } from 'vitest';

// The Electron binary is not installed on build machines; main-process code is tested
// against this fake, and importing the real module would try to download it.
vi.mock('electron', () => import('./fakes/electron'));
