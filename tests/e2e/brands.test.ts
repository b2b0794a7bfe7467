import { describe, expect, it } from 'vitest';
import { signUpThroughUi, snap, startE2eApp, MOBILE } from './browser';

const app = await startE2eApp({ META_MODE: 'sandbox' });

describe('brands, the Brand Brain and the connection in the browser', { timeout: 60_000 }, () => {
  it('loads example brands, edits the Brand Brain with live validation, and compares versions', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await signUpThroughUi(page, 'Bea Brand');

    await page.getByRole('navigation').getByRole('link', { name: 'Brands' }).click();
    await page.getByText('No brands yet').waitFor();
    await snap(page, 'brands-empty');
    await page.getByRole('button', { name: 'Load example brands' }).click();
    const cards = page.getByRole('heading', { level: 3 });
    await expect.poll(() => cards.count()).toBe(3);
    await snap(page, 'brands-list');

    await cards.first().getByRole('link').click();
    await page.getByRole('tab', { name: 'Brand Brain' }).click();
    await page.getByRole('button', { name: 'Save new version' }).waitFor();
    const before = await page.getByText(/^Version \d+$/).innerText();

    const banned = page.getByRole('combobox', { name: 'Banned words and phrases' });
    await banned.fill('zzyzx');
    await banned.press('Enter');
    await banned.fill('Zzyzx');
    await banned.press('Enter');
    await page
      .getByText(/duplicates "zzyzx"/)
      .first()
      .waitFor();
    expect(await page.getByRole('button', { name: 'Save new version' }).isDisabled()).toBe(true);
    await snap(page, 'brain-editor-error');

    await banned.press('Backspace');
    await page
      .getByRole('textbox', { name: 'Industry' })
      .fill('Speciality coffee, roasted in house');
    await page.getByRole('button', { name: 'Save new version' }).click();
    await page.getByText(/Saved as version \d+/).waitFor();
    const after = await page.getByText(/^Version \d+$/).innerText();
    expect(Number(after.split(' ')[1])).toBe(Number(before.split(' ')[1]) + 1);

    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByText('changed lines').waitFor();
    await page.getByText('Speciality coffee, roasted in house').first().waitFor();
    await snap(page, 'brain-versions');

    await context.close();
  });

  it('refuses a save over a newer version with the CONFLICT message and offers a reload', async () => {
    const context = await app.newContext();
    const first = await context.newPage();
    await signUpThroughUi(first, 'Con Flict');

    await first.goto('/brands');
    await first.getByRole('button', { name: 'New brand' }).click();
    const dialog = first.getByRole('dialog', { name: 'Create a brand' });
    await dialog.getByLabel('Brand name').fill('Conflict Cafe');
    await dialog.getByRole('combobox', { name: 'Language' }).fill('not a language!');
    await dialog.getByRole('button', { name: 'Create brand' }).click();
    await dialog.getByText(/BCP 47 language tag/).waitFor();
    await dialog.getByRole('combobox', { name: 'Language' }).fill('hu');
    await dialog.getByRole('button', { name: 'Create brand' }).click();
    await first.waitForURL(/\/brands\/[\w-]+\/brain$/);

    const second = await context.newPage();
    await second.goto(first.url());
    await second.waitForLoadState('networkidle');
    await second.getByRole('textbox', { name: 'Industry' }).fill('Bakery');
    await first.getByRole('textbox', { name: 'Industry' }).fill('Coffee');

    await first.getByRole('button', { name: 'Save new version' }).click();
    await first.getByText(/Saved as version 2/).waitFor();
    await second.getByRole('button', { name: 'Save new version' }).click();
    await second.getByText('Someone saved a newer version').waitFor();

    await second.getByRole('button', { name: /Load the newest version/ }).click();
    await second.getByText('Version 2', { exact: true }).waitFor();
    expect(await second.getByRole('textbox', { name: 'Industry' }).inputValue()).toBe('Coffee');

    await context.close();
  });

  it('connects a sandbox Page and disconnects it', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await signUpThroughUi(page, 'Pat Page');
    await page.goto('/brands');
    await page.getByRole('button', { name: 'Load example brands' }).click();
    await page.getByRole('heading', { level: 3 }).first().getByRole('link').click();
    await page.getByRole('tab', { name: 'Connection' }).click();

    await page.getByRole('textbox', { name: 'Facebook Page id' }).fill('not-a-number');
    await page.getByRole('button', { name: 'Check and connect' }).click();
    await page.getByText(/A Page id is a number/).waitFor();

    await page
      .getByRole('button', { name: /^Connect Sandbox/ })
      .first()
      .click();
    await page.getByText(/Connected to sandbox Page/).waitFor();
    await page.getByText('Connected', { exact: true }).first().waitFor();
    await snap(page, 'connection-connected');

    // The post editor previews the post under the connected accounts' own names.
    const [, brandId] = /\/brands\/([^/]+)/.exec(page.url())!;
    const toast = await page.getByText(/^Connected to sandbox Page /).textContent();
    const pageName = toast!.replace(/^Connected to sandbox Page /, '');
    const account = await page.getByText(/^Instagram @/).textContent();
    const username = account!.replace(/^Instagram @/, '');
    await page.goto(`/posts/new?brand=${brandId}`);
    const preview = page.getByRole('radiogroup', { name: 'Preview platform' });
    await preview.getByText('Facebook', { exact: true }).click();
    await page.getByLabel('Facebook preview').getByText(pageName, { exact: true }).waitFor();
    await preview.getByText('Instagram', { exact: true }).click();
    await page
      .getByLabel('Instagram preview')
      .getByText(username, { exact: true })
      .first()
      .waitFor();
    await page.goBack();

    await page.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByText('Not connected', { exact: true }).first().waitFor();

    await context.close();
  });

  it('fits the Brand Brain editor on a phone', async () => {
    const context = await app.newContext(MOBILE);
    const page = await context.newPage();
    await signUpThroughUi(page, 'Phil Phone');
    await page.goto('/brands');
    await page.getByRole('button', { name: 'Load example brands' }).click();
    await page.getByRole('heading', { level: 3 }).first().getByRole('link').click();
    await page.getByRole('tab', { name: 'Brand Brain' }).click();
    await page.getByRole('slider', { name: 'Formality' }).waitFor();

    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(MOBILE.width);
    await snap(page, 'brain-editor-mobile');

    await context.close();
  });
});
