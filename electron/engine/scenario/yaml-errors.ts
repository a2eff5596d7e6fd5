import type { YAMLError } from 'yaml';

/** A YAML error moved to where a person would look for it, in plainer words where that helps. */
export interface PlacedError {
  offset: number;
  message: string;
}

/**
 * Returns a YAML parser error or warning as a placed error. An unclosed quote is reported where
 * the string opens (the parser notices it at the end of the file).
 */
export function placeYamlError(
  error: YAMLError,
  quotedStarts: ReadonlyMap<number, number>,
): PlacedError {
  const offset = error.pos[0];
  if (error.code === 'MISSING_CHAR' && error.message.includes('quote')) {
    const start = quotedStarts.get(offset);
    if (start !== undefined) return { offset: start, message: 'this quoted text is never closed' };
  }
  if (error.code === 'TAB_AS_INDENT') {
    return { offset, message: 'a tab is used for indentation; YAML indents with spaces only' };
  }
  return { offset, message: error.message };
}
