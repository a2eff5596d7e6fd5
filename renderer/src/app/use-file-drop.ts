import { useEffect, useState } from 'react';

/** Largest file read in the renderer; the host refuses larger scenario texts anyway. */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Accepts files dropped anywhere on the window and hands each one's text to `onFile` (files over
 * `maxBytes` go to `onTooLarge` unread). Returns whether a drag is over the window, for the drop
 * hint. Dropping never navigates the page.
 */
export function useFileDrop(
  onFile: (fileName: string, text: string) => void,
  onTooLarge: (fileName: string) => void,
  maxBytes: number = MAX_FILE_BYTES,
): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      depth = 0;
      setDragging(false);
      for (const file of Array.from(e.dataTransfer?.files ?? [])) {
        if (file.size > maxBytes) onTooLarge(file.name);
        else void file.text().then((text) => onFile(file.name, text));
      }
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [onFile, onTooLarge, maxBytes]);
  return dragging;
}
