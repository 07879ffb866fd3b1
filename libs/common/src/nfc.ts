/**
 * Code points whose every string is already NFC: no canonical decomposition, combining class 0 and
 * never the second half of a composition (Unicode's NFC_Quick_Check=Yes with ccc=0). Latin-1,
 * general punctuation's dashes and quotes, CJK symbols and punctuation (without the ideographic
 * tone marks U+302A–U+302F), CJK Unified Ideographs and Extension A, and the fullwidth/halfwidth
 * forms: nearly every character of a Chinese policy text. (CJK Compatibility Ideographs U+F900–
 * U+FAFF are left out: NFC maps them to unified ones.) nfc.spec checks each of them against ICU.
 */
export const NFC_STABLE = /^[\u0000-\u00ff\u2010-\u2027\u2030-\u203e\u3000-\u3029\u3030-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]*$/;

/**
 * `text.normalize('NFC')`, without asking ICU when every character is one that NFC leaves alone
 * (the usual case: normalising Chinese text costs far more than checking it).
 */
export function nfc(text: string): string {
  return NFC_STABLE.test(text) ? text : text.normalize('NFC');
}
