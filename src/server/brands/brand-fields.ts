import { z } from 'zod';
import { PLATFORMS } from '../../common/platforms';

/**
 * The brand's own settings, validated the same way by the procedures and the
 * seeding script. Timezones and languages are stored in their canonical form
 * (`europe/budapest` → `Europe/Budapest`, `en-gb` → `en-GB`), so lookups and
 * comparisons never depend on how someone typed them.
 */
export const SLUG_MAX = 60;

const text = () =>
  z.string({
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be text'),
  });

export const brandNameSchema = text()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'must be at most 100 characters' });

export const slugSchema = text()
  .trim()
  .max(SLUG_MAX, { error: `must be at most ${SLUG_MAX} characters` })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: 'use lowercase letters, digits and single hyphens, such as "kave-muhely"',
  });

export const timezoneSchema = text()
  .trim()
  .transform((zone, ctx) => {
    const canonical = canonicalTimezone(zone);
    if (canonical) return canonical;
    ctx.addIssue({
      code: 'custom',
      message: 'must be an IANA timezone such as "Europe/Budapest" or "America/New_York"',
    });
    return z.NEVER;
  });

export const languageSchema = text()
  .trim()
  .transform((tag, ctx) => {
    const canonical = canonicalLanguage(tag);
    if (canonical) return canonical;
    ctx.addIssue({
      code: 'custom',
      message: 'must be a BCP 47 language tag such as "hu", "en" or "en-GB"',
    });
    return z.NEVER;
  });

/** A website, or `null` for none (an empty string clears it). */
export const websiteSchema = text()
  .trim()
  .max(500, { error: 'must be at most 500 characters' })
  .transform((value) => (value === '' ? null : value))
  .pipe(
    z
      .url({ protocol: /^https?$/, error: 'must be a web address such as https://example.com' })
      .nullable(),
  )
  .nullable();

export const defaultTargetsSchema = z
  .array(z.enum(PLATFORMS, { error: 'must be facebook or instagram' }))
  .min(1, { error: 'choose at least one platform' })
  .transform((targets) => PLATFORMS.filter((platform) => targets.includes(platform)));

/** Everything `brands.create` and the seed file accept about a brand itself. */
export const brandFieldsSchema = z.object({
  name: brandNameSchema,
  slug: slugSchema.optional(),
  timezone: timezoneSchema,
  language: languageSchema,
  website: websiteSchema.optional(),
  defaultTargets: defaultTargetsSchema.optional(),
});

export type BrandFields = z.output<typeof brandFieldsSchema>;

/** The canonical IANA name of `zone`, or `undefined` when it is not a timezone. */
export function canonicalTimezone(zone: string): string | undefined {
  if (zone === '' || zone.length > 64) return undefined;

  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The canonical BCP 47 form of `tag`, or `undefined` when it is not one. */
export function canonicalLanguage(tag: string): string | undefined {
  // The primary subtag is an ISO 639 code; longer ones are syntactically valid but unused.
  if (!/^[a-z]{2,3}(?:-|$)/i.test(tag) || tag.length > 35) return undefined;

  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}
