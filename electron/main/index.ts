import { setupFiles } from './files';
import { setupMenu } from './menu';
import { setupSecurity } from './security';
import { setupSessionHost } from './session-host';
import { setupStorage } from './storage';
import { setupWindow } from './window';

// Order matters once: the user-data folder is chosen before anything reads it or takes the
// single-instance lock, and security rules are in place before any window exists.
setupStorage();
setupSecurity();
setupSessionHost();
setupFiles();
setupMenu();
setupWindow();
