import { useEffect, useState } from 'react';

/** Largest file read in the renderer; the host refuses larger scenario texts anyway. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Why a scenario file over MAX_FILE_BYTES is refused unread. */
export const TOO_LARGE_SCENARIO = 'The file is larger than 1 MiB, the limit for a scenario file.';

/** What to say about a file whose text could not be read (removed, unreadable, not text). */
export function unreadableMessage(error: unknown): string {
  return `The file could not be read: ${error instanceof Error ? error.message : String(error)}`;
}

/** What is done with one file: its text, its size, or why it could not be read. */
export interface FileHandlers {
  onFile: (fileName: string, text: string) => void;
  onTooLarge: (fileName: string) => void;
  onUnreadable: (fileName: string, message: string) => void;
}

/**
 * Reads one file and hands it to exactly one handler: `onTooLarge` (unread) when it is over
 * `maxBytes`, `onUnreadable` when reading fails, `onFile` otherwise. Never rejects.
 */
export async function readFileFor(
  file: Pick<File, 'name' | 'size' | 'text'>,
  maxBytes: number,
  handlers: FileHandlers,
): Promise<void> {
  if (file.size > maxBytes) {
    handlers.onTooLarge(file.name);
    return;
  }
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    handlers.onUnreadable(file.name, unreadableMessage(error));
    return;
  }
  handlers.onFile(file.name, text);
}

/**
 * Reads picked files one after another, each to exactly one handler as `readFileFor` does;
 * `onFile` may return a promise, awaited before the next file is read. A file that is too large
 * or cannot be read never stops the others.
 */
export async function readFilesInTurn(
  files: readonly Pick<File, 'name' | 'size' | 'text'>[],
  maxBytes: number,
  handlers: Omit<FileHandlers, 'onFile'> & {
    onFile: (fileName: string, text: string) => unknown;
  },
): Promise<void> {
  for (const file of files) {
    const read: { text?: string } = {};
    await readFileFor(file, maxBytes, {
      onFile: (_name, text) => {
        read.text = text;
      },
      onTooLarge: handlers.onTooLarge,
      onUnreadable: handlers.onUnreadable,
    });
    if (read.text !== undefined) await handlers.onFile(file.name, read.text);
  }
}

/**
 * Accepts files dropped anywhere on the window and hands each one's text to `onFile` (files over
 * `maxBytes` go to `onTooLarge` unread, files that cannot be read to `onUnreadable`). Returns
 * whether a drag is over the window, for the drop hint. Dropping never navigates the page.
 */
export function useFileDrop(
  onFile: (fileName: string, text: string) => void,
  onTooLarge: (fileName: string) => void,
  onUnreadable: (fileName: string, message: string) => void,
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
      for (const file of Array.from(e.dataTransfer?.files ?? []))
        void readFileFor(file, maxBytes, { onFile, onTooLarge, onUnreadable });
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
  }, [onFile, onTooLarge, onUnreadable, maxBytes]);
  return dragging;
}
