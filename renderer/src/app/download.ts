/**
 * Saves text as a file through a Blob URL and a temporary link: works in the browser and in
 * Electron (whose shell decides where downloads go) without any network use.
 */
export function downloadText(fileName: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Returns a message and detail from anything thrown across the bridge. */
export function describeError(error: unknown): { message: string; detail: string } {
  if (error instanceof Error) {
    // Errors crossing IPC arrive as "Error invoking remote method 'x': Error: message".
    const message = error.message.replace(
      /^Error invoking remote method '[^']+': (?:\w*Error: )?/,
      '',
    );
    return { message, detail: error.stack ?? message };
  }
  return { message: String(error), detail: String(error) };
}
