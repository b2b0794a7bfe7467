import { describe, expect, it } from 'vitest';
import { brandBrainSchema, type BrandBrainInput } from '../../src/common/brand-brain';
import { constructPrompt } from '../../src/server/ai/construct-prompt';
import {
  constructRepairPrompt,
  constructRewritePrompt,
} from '../../src/server/ai/revision-prompts';

const options = { brandName: 'Kávé Kft.', language: 'hu', variants: 3 };

function prompt(input: BrandBrainInput, platform: 'facebook' | 'instagram' = 'instagram') {
  return constructPrompt(brandBrainSchema.parse(input), 'Nyári menü indul', platform, options);
}

describe('constructPrompt', () => {
  it('is pure: the same brain and brief give the same prompt', () => {
    expect(prompt({})).toEqual(prompt({}));
  });

  it('carries a changed banned word into the system prompt', () => {
    const before = prompt({ vocabulary: { banned: ['olcsó'] } });
    const after = prompt({ vocabulary: { banned: ['olcsó', 'akció'] } });

    expect(before.system).not.toContain('"akció"');
    expect(after.system).toContain('"olcsó", "akció"');
  });

  it('shows every part of the brain the model needs', () => {
    const { system } = prompt({
      identity: { description: 'Egy budapesti kávézó.', values: ['helyi pörkölés'] },
      audience: { who: 'Belvárosi irodisták', objections: ['drága'] },
      voice: {
        formality: 1,
        personality: ['barátságos'],
        weAreNot: [{ weAre: 'laza', weAreNot: 'hanyag' }],
        pointOfView: 'we',
      },
      vocabulary: {
        signaturePhrases: ['Jó reggelt, Budapest!'],
        requiredDisclaimers: ['Az ár tájékoztató jellegű.'],
      },
      style: {
        emoji: 'none',
        hashtags: { alwaysUse: ['kávézó'], max: 4, banned: ['ingyen'] },
        callToAction: 'Gyere be!',
        formatting: 'Rövid bekezdések.',
      },
      examples: [
        { platform: 'instagram', text: 'Instagram példa' },
        { platform: 'facebook', text: 'Facebook példa' },
      ],
      platformNotes: { instagram: 'Link a bióban.', facebook: '' },
    });

    for (const expected of [
      'Egy budapesti kávézó.',
      'helyi pörkölés',
      'Belvárosi irodisták',
      'drága',
      'very casual',
      'barátságos',
      'laza, but not hanyag',
      'Jó reggelt, Budapest!',
      'Az ár tájékoztató jellegű.',
      'never use emoji',
      'at most 4',
      '#kávézó',
      'Never use #ingyen',
      'Gyere be!',
      'Rövid bekezdések.',
      'Instagram példa',
      'Link a bióban.',
      '("we")',
    ]) {
      expect(system).toContain(expected);
    }
    expect(system).not.toContain('Facebook példa');
  });

  it("writes in the brand's language and states the platform rules", () => {
    const instagram = prompt({}, 'instagram');
    const facebook = prompt({}, 'facebook');

    expect(instagram.system).toContain('Write in Hungarian (hu)');
    expect(instagram.system).toContain('2,200 characters and 30 hashtags');
    expect(instagram.system).toContain('The first line is the hook');
    expect(facebook.system).toContain('Shorter is better');
  });

  it('puts the brief and the number of variants in the user message, and the JSON contract in the system one', () => {
    const { system, user } = prompt({});

    expect(user).toContain('Nyári menü indul');
    expect(user).toContain('3 different variants for Instagram');
    expect(system).toContain('"variants"');
    expect(system).toContain('Give exactly 3 variants');
  });

  it('falls back to examples from the other platform when the platform has none', () => {
    const { system } = prompt({ examples: [{ platform: 'facebook', text: 'Csak Facebook' }] });
    expect(system).toContain('Csak Facebook');
  });
});

describe('revision prompts', () => {
  const brain = brandBrainSchema.parse({ vocabulary: { banned: ['olcsó'] } });

  it('lists exactly what to fix in each draft for the repair round', () => {
    const { user, system } = constructRepairPrompt(brain, 'facebook', options, [
      {
        text: 'Olcsó kávé',
        warnings: [{ rule: 'banned_word', message: 'Uses the banned word "olcsó".' }],
      },
    ]);

    expect(user).toContain('Olcsó kávé');
    expect(user).toContain('- Uses the banned word "olcsó".');
    expect(system).toContain('Give exactly 1 variant');
  });

  it('asks for a translation into the requested language', () => {
    const { system, user } = constructRewritePrompt(brain, 'Jó reggelt', 'translate', 'facebook', {
      brandName: 'Kávé',
      language: 'hu',
      targetLanguage: 'en',
    });

    expect(system).toContain('Write in English (en)');
    expect(user).toContain('Jó reggelt');
  });
});
