import { SLUG_MAX } from './brand-fields';

// Letters that NFD does not split into a base letter and a mark.
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * The slug a brand gets from its name: accents folded, lowercase, words joined
 * by hyphens. A name with no Latin letters or digits becomes `brand`.
 *
 * @example
 *   slugFromName('Kávé Műhely'); // 'kave-muhely'
 */
export function slugFromName(name: string): string {
  const folded = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæøœłđðþı]/g, (letter) => SPECIAL_LETTERS[letter] ?? letter);

  const slug = folded
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, SLUG_MAX)
    .replace(/^-+|-+$/g, '');

  return slug === '' ? 'brand' : slug;
}

/**
 * The first of `base`, `base-2`, `base-3`… that is not in `taken`, kept within
 * the slug length limit.
 */
export function nextFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;

  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = base.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, '') + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}
