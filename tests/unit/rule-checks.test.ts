import { describe, expect, it } from 'vitest';
import { brandBrainSchema, type BrandBrainInput } from '../../src/common/brand-brain';
import { checkDraft, extractEmoji, findBannedWord } from '../../src/common/rule-checks';

function brainWith(input: BrandBrainInput) {
  return brandBrainSchema.parse(input);
}

const rulesOf = (warnings: { rule: string }[]) => warnings.map((warning) => warning.rule);

describe('banned words', () => {
  const brain = brainWith({ vocabulary: { banned: ['olcsó', 'akciós ár'] } });

  it('catches a banned Hungarian word in any case, accents included', () => {
    expect(findBannedWord('Olcsó és jó', 'olcsó')).toEqual(['Olcsó']);
    expect(findBannedWord('MOST OLCSÓ!', 'olcsó')).toEqual(['OLCSÓ']);
    expect(findBannedWord('olcsó', 'OLCSÓ')).toEqual(['olcsó']);
  });

  it('treats a different accent as a different word, so "olcso" and "kör" are not flagged', () => {
    expect(findBannedWord('Ez olcso volt', 'olcsó')).toEqual([]);
    expect(findBannedWord('A kör bezárult, a kor változik', 'kór')).toEqual([]);
  });

  it('matches whole words only, with accented letters counting as letters', () => {
    expect(findBannedWord('olcsóbb lett', 'olcsó')).toEqual([]);
    expect(findBannedWord('aolcsó', 'olcsó')).toEqual([]);
    expect(findBannedWord('(olcsó), "olcsó".', 'olcsó')).toHaveLength(2);
  });

  it('matches a word spelled with a combining accent (NFD) like the composed one', () => {
    expect(findBannedWord('olcso\u0301 ajánlat', 'olcsó')).toEqual(['olcsó']);
  });

  it('catches every word that starts with an entry ending in *', () => {
    expect(findBannedWord('Olcsóbb, mint gondolnád', 'olcsó*')).toEqual(['Olcsóbb']);
  });

  it('catches a banned phrase across line breaks and extra spaces', () => {
    const warnings = checkDraft('Most akciós\n  ár mindenre', 'facebook', brain);
    expect(rulesOf(warnings)).toEqual(['banned_word']);
    expect(warnings[0]!.message).toContain('"akciós ár"');
  });

  it('catches a banned word used as a hashtag and glued to punctuation', () => {
    const warnings = checkDraft('Nézd meg! #olcsó!', 'instagram', brain);
    expect(rulesOf(warnings)).toEqual(['banned_word']);
  });

  it('says which spelling it found, in plain words', () => {
    const [warning] = checkDraft('OLCSÓ nyár', 'facebook', brain);
    expect(warning!.message).toBe(
      'Uses the banned word "olcsó" ("OLCSÓ"). Replace it or leave it out.',
    );
  });
});

describe('hashtags', () => {
  const brain = brainWith({
    style: { hashtags: { alwaysUse: ['#Kávézó'], max: 3, banned: ['ingyen'] } },
  });

  it('finds the brand hashtag even when punctuation is glued to it', () => {
    expect(checkDraft('Gyere be (#kávézó), várunk!', 'instagram', brain)).toEqual([]);
  });

  it('warns about a missing brand hashtag', () => {
    const warnings = checkDraft('Gyere be, várunk!', 'instagram', brain);
    expect(warnings).toEqual([
      { rule: 'missing_hashtag', message: "Missing the brand's hashtag #Kávézó. Add it." },
    ]);
  });

  it('warns about a banned hashtag and about too many hashtags', () => {
    const text = 'Gyere be! #kávézó #Ingyen #nyár #reggel';
    expect(rulesOf(checkDraft(text, 'instagram', brain))).toEqual([
      'banned_hashtag',
      'too_many_hashtags',
    ]);
  });

  it("applies Instagram's 30-hashtag limit on top of the brand's own", () => {
    const loose = brainWith({ style: { hashtags: { max: 30 } } });
    const tags = Array.from({ length: 31 }, (_, index) => `#tag${index}x`).join(' ');
    expect(rulesOf(checkDraft(tags, 'instagram', loose))).toEqual([
      'platform_limit',
      'too_many_hashtags',
    ]);
    expect(rulesOf(checkDraft(tags, 'facebook', loose))).toEqual(['too_many_hashtags']);
  });
});

describe('emoji', () => {
  it('counts a family or a flag as one emoji and ignores ©', () => {
    expect(extractEmoji('Hi 👨‍👩‍👧 🇭🇺 © ☕')).toEqual(['👨‍👩‍👧', '🇭🇺', '☕']);
  });

  it('warns on any emoji when the brand uses none', () => {
    const brain = brainWith({ style: { emoji: 'none' } });
    expect(rulesOf(checkDraft('Jó reggelt ☕', 'facebook', brain))).toEqual(['emoji']);
    expect(checkDraft('Jó reggelt', 'facebook', brain)).toEqual([]);
  });

  it('allows three emoji when sparing and warns from the fourth', () => {
    const brain = brainWith({ style: { emoji: 'sparingly' } });
    expect(checkDraft('🎉🎉🎉', 'facebook', brain)).toEqual([]);
    expect(checkDraft('🎉🎉🎉🎉', 'facebook', brain)[0]!.message).toContain('Remove 1');
  });

  it('never warns when the brand uses emoji freely', () => {
    const brain = brainWith({ style: { emoji: 'freely' } });
    expect(checkDraft('🎉'.repeat(20), 'facebook', brain)).toEqual([]);
  });
});

describe('disclaimers and platform limits', () => {
  it('requires each disclaimer word for word, ignoring case and spacing', () => {
    const brain = brainWith({
      vocabulary: { requiredDisclaimers: ['Az ár tájékoztató jellegű.'] },
    });
    expect(checkDraft('Új menü!\naz ár  tájékoztató jellegű.', 'facebook', brain)).toEqual([]);
    expect(rulesOf(checkDraft('Új menü!', 'facebook', brain))).toEqual(['missing_disclaimer']);
  });

  it('counts Instagram length in characters, so accents and emoji count once', () => {
    const brain = brainWith({});
    expect(checkDraft('ő'.repeat(2200), 'instagram', brain)).toEqual([]);
    expect(
      rulesOf(
        checkDraft('🎉'.repeat(2201), 'instagram', brainWith({ style: { emoji: 'freely' } })),
      ),
    ).toEqual(['platform_limit']);
  });
});
