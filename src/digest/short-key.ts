// A short, cheap, non-cryptographic key for a string (two FNV-1a 32-bit lanes, 16 hex digits): for naming cache
// files whose content is checked against what the key was made from, so a collision is only a miss. Not a digest:
// nothing may trust data by this key alone.

export function shortKey(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
