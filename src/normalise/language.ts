/**
 * Dutch or English, from a declared language or else from common words, so a
 * mixed archive gets `lang` right on every page.
 */

const DUTCH = new Set('de het een en van in is dat op te zijn voor met niet aan er ook als bij door maar om nog naar wordt uit dan zo over heeft hun worden tegen deze al wel zou kan meer'.split(' '));
const ENGLISH = new Set('the a an and of in is that on to are for with not at it as by but or from this was be have has will would can their more which about'.split(' '));

/** `nl` or `en`: a declared `lang`/`language` wins, then word counts, then the site's locale. */
export function detectLanguage(declared: unknown, text: string, fallback: 'nl' | 'en'): 'nl' | 'en' {
  if (typeof declared === 'string') {
    const code = declared.trim().toLowerCase().slice(0, 2);
    if (code === 'nl' || code === 'en') return code;
  }
  let dutch = 0;
  let english = 0;
  const words = text.slice(0, 5000).toLowerCase().match(/\p{L}+/gu) ?? [];
  for (const word of words) {
    if (DUTCH.has(word)) dutch++;
    if (ENGLISH.has(word)) english++;
  }
  if (dutch + english < 5) return fallback;
  return dutch >= english ? 'nl' : 'en';
}
