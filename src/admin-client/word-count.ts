/** Words in a text of any script: runs of letters or digits (an apostrophe or a hyphen inside a word keeps it one). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Minutes to read, at about 230 words a minute; at least one for any text. */
export const readingMinutes = (words: number) => (words === 0 ? 0 : Math.max(1, Math.round(words / 230)));
