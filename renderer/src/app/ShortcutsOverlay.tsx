import { Modal } from './Modal';

export const SHORTCUTS: { keys: string; what: string }[] = [
  { keys: 'Space', what: 'Pause or resume the clock' },
  { keys: '1 – 5', what: 'Speed: 1 pause, 2 real time (1×), 3 10×, 4 60×, 5 600×' },
  { keys: 'N', what: 'Step forward one monitoring window' },
  { keys: 'A', what: 'Acknowledge the newest firing alert' },
  { keys: 'I', what: 'Open the investigations drawer' },
  { keys: 'D', what: 'Open the decision note' },
  {
    keys: 'F',
    what: 'Switch between the console and the facilitator view (in facilitator mode)',
  },
  { keys: '?', what: 'Show or hide this list' },
  { keys: 'Esc', what: 'Close the open dialog or drawer' },
  { keys: 'Ctrl/⌘ +, Ctrl/⌘ −', what: 'Zoom in or out (presentation size)' },
  { keys: 'Ctrl/⌘ 0', what: 'Reset the zoom' },
];

/** The `?` overlay listing every keyboard shortcut. */
export function ShortcutsOverlay({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Keyboard shortcuts"
      description="Shortcuts work on the console unless you are typing in a field."
    >
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What it does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
