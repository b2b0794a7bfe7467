import { describe, expect, it } from 'vitest';
import { MOBILE, signUpThroughUi, snap, startE2eApp } from './browser';

// No AI keys: the composer drafts with the labelled sample writer.
const app = await startE2eApp({ META_MODE: 'sandbox' });

describe('the composer and the sandbox in the browser', { timeout: 60_000 }, () => {
  it('streams sample drafts labelled as not AI, rewrites one, previews it and hands it to a new post', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await signUpThroughUi(page, 'Cora Composer');
    await page.goto('/brands');
    await page.getByRole('button', { name: 'Load example brands' }).click();
    await page.getByRole('heading', { level: 3 }).first().waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Composer' }).click();
    await page.getByText('Sample text, not AI').first().waitFor();

    await page.getByRole('button', { name: 'Generate drafts' }).click();
    await page.getByText('Write a brief of at least a few words').waitFor();

    await page
      .getByLabel('Brief')
      .fill('Saturday ride leaves at 8:30 from the café, coffee for first-timers');
    await page.getByRole('textbox', { name: 'Variants' }).fill('2');
    await page.getByRole('button', { name: 'Generate drafts' }).click();

    const drafts = page.getByRole('article');
    await expect.poll(() => drafts.count(), { timeout: 20_000 }).toBe(2);
    await page.getByRole('textbox', { name: 'Text of draft 1' }).waitFor();
    expect(await page.getByText('Answered by').isVisible()).toBe(true);
    const original = await page.getByRole('textbox', { name: 'Text of draft 1' }).inputValue();
    expect(original.length).toBeGreaterThan(10);
    await snap(page, 'composer-drafts');

    const first = drafts.first();
    await first.getByRole('button', { name: 'Rewrite' }).click();
    await page.getByRole('menuitem', { name: 'Shorten' }).click();
    await page.getByText('Rewritten').waitFor();

    await first.getByText('Preview', { exact: true }).click();
    await first.getByRole('radio', { name: 'Instagram' }).check({ force: true });
    // Not connected: the brand's name as an Instagram could spell it.
    await first.getByText('harbour_pine_bike_cafe', { exact: true }).first().waitFor();
    await snap(page, 'composer-preview');

    await first.getByRole('button', { name: 'Use this draft' }).click();
    await page.waitForURL(/\/posts\/new\?brand=/);

    await context.close();
  });

  it('shows the sandbox page labelled not real', async () => {
    const context = await app.newContext(MOBILE);
    const page = await context.newPage();
    await signUpThroughUi(page, 'Sandy Box');
    await page.goto('/sandbox');
    await page.getByText('Not real').waitFor();
    await page.getByText('Nothing published yet').waitFor();
    await snap(page, 'sandbox-mobile');
    await context.close();
  });
});
