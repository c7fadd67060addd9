// One definition of a word, the same as rosette/applications/wordcount.py.
// Keep WORD in step with that file: tests/browser/test_wordcount.py compares the two.
export const WORD = /[\p{L}\p{N}\p{M}]+(?:['’ʼ\-‐‑.\u00AD][\p{L}\p{N}\p{M}]+)*/gu;

export function countWords(text) {
  const matches = text.match(WORD);
  return matches ? matches.length : 0;
}
