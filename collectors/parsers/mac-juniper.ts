/**
 * Juniper entry-type reading shared by the CLI-text and RPC-XML MAC-table parsers.
 *
 * Pre-ELS Junos (EX 12.x and earlier) prints a Type word: `Learn`, `Static`, `Flood`,
 * `Persistent`. ELS Junos (EX/QFX 13.2X50+, 14.1X53, 15+) prints flag letters instead:
 * `S` static, `D` dynamic, `L` locally learned, `P` persistent static, `C` control, `R` remote PE,
 * `O` ovsdb, plus the two-letter `SE` (statistics enabled) and `NM` (non-configured), which say
 * nothing about how the entry was learned. RPC replies write the flags comma-separated (`D,SE`).
 */

const WORDS: Record<string, string> = {
  learn: 'dynamic',
  learned: 'dynamic',
  dynamic: 'dynamic',
  static: 'static',
  persistent: 'static',
  flood: 'flood',
};

/** `dynamic`, `static`, `control`, `flood`, or the text lower-cased when it is neither a known word nor flags. */
export function juniperType(text: string): string {
  const t = text.trim();
  const word = Object.prototype.hasOwnProperty.call(WORDS, t.toLowerCase()) ? WORDS[t.toLowerCase()] : undefined;
  if (word) return word;
  if (/^[A-Z,]{1,16}$/.test(t)) {
    const letters = t.replace(/SE|NM/g, ' ');
    if (letters.includes('D')) return 'dynamic';
    if (letters.includes('S') || letters.includes('P')) return 'static';
    if (letters.includes('C')) return 'control';
  }
  return t.toLowerCase();
}
