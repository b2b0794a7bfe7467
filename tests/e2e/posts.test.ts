import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MOBILE, signUpThroughUi, snap, startE2eApp } from './browser';

// No AI keys: drafts come from the labelled sample writer; Meta is the built-in emulator.
const app = await startE2eApp({ META_MODE: 'sandbox', PUBLISH_TICK: '*/1 * * * * *' });

const BRAND = 'Morzsa Pékség';
const ZONE = 'Europe/Budapest';

/** Loads the example brands, connects the Hungarian bakery to a sandbox Page, returns its id. */
async function bakeryWithSandboxPage(page: Page): Promise<string> {
  await page.goto('/brands');
  await page.getByRole('button', { name: 'Load example brands' }).click();
  await page.getByRole('link', { name: BRAND }).click();
  await page.waitForURL(/\/brands\/[\w-]+$/);
  const brandId = page.url().split('/').at(-1)!;

  await page.getByRole('tab', { name: 'Connection' }).click();
  await page
    .getByRole('button', { name: /^Connect Sandbox/ })
    .first()
    .click();
  await page.getByText(/Connected to sandbox Page/).waitFor();
  return brandId;
}

/** Clicks FullCalendar's "next" until the grid shows `day`. */
async function showDay(page: Page, day: string, cell: string) {
  await page.locator(cell).first().waitFor();
  for (let step = 0; step < 3; step++) {
    if ((await page.locator(`${cell}[data-date="${day}"]`).count()) > 0) return;
    await page.locator('.fc-next-button').click();
  }
  throw new Error(`the calendar never showed ${day}`);
}

/** Drags with real mouse steps, as FullCalendar listens to pointer moves, not drag events. */
async function dragOnto(page: Page, from: string, to: string) {
  const source = (await page.locator(from).first().boundingBox())!;
  const target = (await page.locator(to).first().boundingBox())!;
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(source.x + source.width / 2 + 5, source.y + source.height / 2 + 5, {
    steps: 5,
  });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 15 });
  await page.mouse.up();
}

describe('posts in the browser: composer to calendar to published', { timeout: 90_000 }, () => {
  it('drafts with the sample writer, schedules the draft, moves it on the calendar, lists it and publishes it', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await signUpThroughUi(page, 'Piroska Posts');
    const brandId = await bakeryWithSandboxPage(page);

    // Compose with the sandbox provider and take the first draft into the editor.
    await page.goto(`/compose?brand=${brandId}`);
    await page.getByText('Sample text, not AI').first().waitFor();
    await page.getByLabel('Brief').fill('Fresh kakaós csiga every morning from seven');
    await page.getByRole('textbox', { name: 'Variants' }).fill('1');
    await page.getByRole('button', { name: 'Generate drafts' }).click();
    const draft = page.getByRole('article', { name: 'Draft 1' });
    await draft.getByRole('button', { name: 'Use this draft' }).click();
    await page.waitForURL(/\/posts\/new\?brand=/);

    const caption = page.getByRole('textbox', { name: 'Caption', exact: true });
    const drafted = await caption.inputValue();
    expect(drafted.length).toBeGreaterThan(20);

    // Live checks: the brand's banned word and Instagram's image rule, before anything is saved.
    await caption.fill(`${drafted} Olcsó!`);
    await page
      .getByText(/Uses the banned word "olcsó"/)
      .first()
      .waitFor();
    await page.getByText('Instagram needs at least one image').first().waitFor();
    await caption.fill(drafted);
    await page.getByRole('button', { name: 'Add image' }).click();
    await page
      .getByRole('textbox', { name: 'Image 1 address' })
      .fill('https://images.example.com/csiga.jpg');
    await page.getByRole('textbox', { name: 'Image 1 alt text' }).fill('Cocoa rolls on a tray');
    await expect.poll(() => page.getByText('Instagram needs at least one image').count()).toBe(0);

    // A spring-forward gap is refused on the brand's clock before it reaches the server.
    const time = page.getByLabel('Date and time');
    await time.fill('2027-03-28T02:30');
    await page.getByText(/02:30 does not exist in Europe\/Budapest/).waitFor();
    expect(await page.getByRole('button', { name: 'Schedule' }).isDisabled()).toBe(true);
    await time.fill('2027-10-31T02:30');
    await page
      .getByRole('status')
      .filter({ hasText: /occurs twice/ })
      .waitFor();

    const when = DateTime.now().setZone(ZONE).plus({ days: 2 }).set({ hour: 10, minute: 0 });
    await time.fill(when.toFormat("yyyy-MM-dd'T'HH:mm"));
    await page.getByRole('button', { name: 'Schedule' }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    const postUrl = page.url();
    await page
      .getByText(/^Scheduled for /)
      .first()
      .waitFor();
    await page.getByRole('heading', { name: 'Edit post' }).waitFor();
    await page.getByText('Goes out', { exact: false }).waitFor();
    await snap(page, 'post-editor');

    // The month calendar shows it in the brand's timezone; drag it one day later.
    await page.goto(`/calendar?brand=${brandId}`);
    const day = when.toISODate()!;
    await showDay(page, day, 'td.fc-daygrid-day');
    const chip = `td[data-date="${day}"] .fc-event[data-status="scheduled"]`;
    await page.locator(chip).waitFor();
    expect(await page.locator(chip).innerText()).toContain('10:00');
    await snap(page, 'calendar-month');

    const nextDay = when.plus({ days: 1 }).toISODate()!;
    await dragOnto(page, chip, `td.fc-daygrid-day[data-date="${nextDay}"]`);
    await page.getByText('Post moved').waitFor();
    await page.locator(`td[data-date="${nextDay}"] .fc-event[data-status="scheduled"]`).waitFor();

    // Week view: the chip sits in the new day's column.
    await page.getByRole('button', { name: 'Week' }).click();
    await showDay(page, nextDay, 'td.fc-timegrid-col');
    await page
      .locator(`td.fc-timegrid-col[data-date="${nextDay}"] .fc-event[data-status="scheduled"]`)
      .waitFor();
    await snap(page, 'calendar-week');

    // The list finds it by status and by words of the caption.
    await page.getByRole('navigation').getByRole('link', { name: 'Posts' }).click();
    const rows = page.getByRole('link', { name: /^Scheduled post:/ });
    await expect.poll(() => rows.count()).toBe(1);
    const draftFilter = page
      .getByRole('group', { name: 'Filter by status' })
      .getByText('Draft', { exact: true });
    await draftFilter.click();
    await page.getByText('No posts match').waitFor();
    expect(await page.getByRole('checkbox', { name: 'Draft' }).isChecked()).toBe(true);
    await draftFilter.click();
    await page.getByLabel('Search captions').fill(drafted.split(/\s+/)[0]!);
    await expect.poll(() => rows.count()).toBe(1);
    await snap(page, 'posts-list');

    // Publish now: the worker sends it to the sandbox Page; the history shows the Graph calls.
    await page.goto(postUrl);
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.getByText('Published', { exact: true }).first().waitFor({ timeout: 20_000 });
    const history = page.getByRole('region', { name: 'History' });
    await history.getByText('Instagram: published').waitFor();
    await history.getByText('Created as a draft').waitFor();
    expect(await history.getByText(/^Scheduled for /).count()).toBe(2);
    await history.getByText('Asked to publish now').waitFor();
    await history.getByText('Facebook: published').waitFor();
    await history.getByText('Facebook: Post a photo to the Facebook Page').waitFor();
    await history.getByText('Instagram: Publish on Instagram').waitFor();
    await history.getByText('HTTP 200').first().waitFor();
    await history.scrollIntoViewIfNeeded();
    await snap(page, 'post-history');

    await page.goto('/sandbox');
    await page.getByText(drafted.slice(0, 30)).first().waitFor();

    await context.close();
  });

  it('refuses a drag over a post changed elsewhere and puts the chip back', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await signUpThroughUi(page, 'Viktor Version');
    const brandId = await bakeryWithSandboxPage(page);

    const when = DateTime.now().setZone(ZONE).plus({ days: 3 }).set({ hour: 9, minute: 0 });
    await page.goto(`/posts/new?brand=${brandId}`);
    await page.getByRole('textbox', { name: 'Caption', exact: true }).fill('Kenyér reggel hétkor');
    await page.getByRole('checkbox', { name: 'Instagram' }).uncheck();
    await page.getByLabel('Date and time').fill(when.toFormat("yyyy-MM-dd'T'HH:mm"));
    await page.getByRole('button', { name: 'Schedule' }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    const postUrl = page.url();

    const calendar = await context.newPage();
    await calendar.goto(`/calendar?brand=${brandId}`);
    const day = when.toISODate()!;
    await showDay(calendar, day, 'td.fc-daygrid-day');
    const chip = `td[data-date="${day}"] .fc-event`;
    await calendar.locator(chip).waitFor();

    // Someone edits the post in another tab: the calendar still holds the old version.
    await page.goto(postUrl);
    await page.getByRole('textbox', { name: 'Caption', exact: true }).fill('Kenyér reggel hatkor');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved').waitFor();

    const nextDay = when.plus({ days: 1 }).toISODate()!;
    await dragOnto(calendar, chip, `td.fc-daygrid-day[data-date="${nextDay}"]`);
    await calendar.getByText(/This post changed since you opened it/).waitFor();
    await calendar.locator(chip).waitFor();
    expect(await calendar.locator(`td[data-date="${nextDay}"] .fc-event`).count()).toBe(0);

    await context.close();
  });

  it('explains a failed Instagram target in plain words and the retry sends Instagram only', async () => {
    const emulator = app.services.metaSandbox!;
    const context = await app.newContext();
    const page = await context.newPage();
    await signUpThroughUi(page, 'Rita Retry');
    const brandId = await bakeryWithSandboxPage(page);

    const caption = `Pogácsa délben ${Date.now()}`;
    await page.goto(`/posts/new?brand=${brandId}`);
    await page.getByRole('textbox', { name: 'Caption', exact: true }).fill(caption);
    await page.getByRole('button', { name: 'Add image' }).click();
    await page
      .getByRole('textbox', { name: 'Image 1 address' })
      .fill('https://images.example.com/pogacsa.jpg');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    const postUrl = page.url();

    // Meta refuses the Instagram container with an expired token; Facebook goes out.
    emulator.faults.inject({ call: 'media.create', kind: 'token_invalid', times: 1 });
    await page.getByRole('button', { name: 'Publish now' }).click();
    const panel = page.getByRole('region', { name: 'Publishing' });
    await panel.getByText('Failed', { exact: true }).waitFor({ timeout: 20_000 });
    await panel.getByText('Facebook: published').waitFor();
    await panel.getByText(/Instagram: The Page access token has expired/).waitFor();
    const history = page.getByRole('region', { name: 'History' });
    await history.getByText('Instagram: failed').waitFor();
    await history.getByText(/\(code 190\/463\)/).waitFor();
    await snap(page, 'post-failed');

    // The connection needs reconnecting first: the retry says so and changes nothing.
    await panel.getByRole('button', { name: 'Retry' }).click();
    await page
      .getByText(/Reconnect the brand's Facebook Page before scheduling/)
      .first()
      .waitFor();
    await panel.getByText('Failed', { exact: true }).waitFor();

    await page.goto(`/brands/${brandId}/connection`);
    await page.getByText('Reconnect needed').waitFor();
    await page
      .getByRole('button', { name: /^Connect Sandbox/ })
      .first()
      .click();
    await page.getByText(/Connected to sandbox Page/).waitFor();

    await page.goto(postUrl);
    await panel.getByRole('button', { name: 'Retry' }).click();
    await panel.getByText('Published', { exact: true }).waitFor({ timeout: 20_000 });
    await history.getByText('Instagram: published').waitFor();

    const sent = emulator.state.published.filter((record) => record.text === caption);
    expect(sent.map((record) => record.platform).sort()).toEqual(['facebook', 'instagram']);

    await context.close();
  });

  it('checks a CSV first, shows every problem by row and column, then imports it', async () => {
    const context = await app.newContext(MOBILE);
    const page = await context.newPage();
    await signUpThroughUi(page, 'Csilla Csv');
    const brandId = await bakeryWithSandboxPage(page);

    const day = DateTime.now().setZone(ZONE).plus({ days: 5 }).toISODate();
    const header = 'date,time,caption,image_urls,targets,instagram_caption,alt_texts';
    const broken = `${header}\n${day},25:00,Kifli,,facebook,,\n${day},09:00,Zsemle,,twitter,,\n`;

    await page.goto(`/posts/import?brand=${brandId}`);
    await page.getByLabel('CSV text').fill(broken);
    await page.getByRole('button', { name: 'Check the file' }).click();
    const problems = page.getByRole('table', { name: 'Problems in the file' });
    await problems.waitFor();
    expect(await problems.getByRole('row').count()).toBeGreaterThanOrEqual(3);
    await problems.getByRole('cell', { name: 'time' }).first().waitFor();
    await problems.getByRole('cell', { name: 'targets' }).first().waitFor();
    await snap(page, 'csv-import-problems-mobile');

    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(MOBILE.width);

    await page
      .getByLabel('CSV text')
      .fill(`${header}\n${day},09:00,Kifli reggel,,facebook,,\n,,Piszkozat,,facebook,,\n`);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText('1 post will be scheduled and 1 saved as draft.').waitFor();
    await page.getByRole('button', { name: 'Import 2 posts' }).click();
    await page.waitForURL(/\/posts\?brand=/);
    await expect.poll(() => page.getByRole('link', { name: /post: / }).count()).toBe(2);

    // The export writes the same columns back, times on the brand's clock.
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(exported.split('\n')[0]).toBe(header);
    expect(exported).toContain(`${day},09:00,Kifli reggel,,facebook,,`);
    expect(exported).not.toContain('Piszkozat');

    // Every brand at once: chips carry the brand's name.
    await page.goto('/calendar?brand=all');
    await showDay(page, day!, 'td.fc-daygrid-day');
    await page.locator(`td[data-date="${day}"] .fc-event`).waitFor();
    expect(
      await page.locator(`td[data-date="${day}"] .fc-event`).getAttribute('aria-label'),
    ).toMatch(/^Scheduled: Morzsa Pékség · Kifli reggel, /);
    await snap(page, 'calendar-mobile');

    await page.goto(`/posts/new?brand=${brandId}`);
    await page
      .getByRole('textbox', { name: 'Caption', exact: true })
      .fill('Kifli 🥐 #morzsapékség');
    await page.getByText('21 / 2,200 characters').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      MOBILE.width,
    );
    await snap(page, 'post-editor-mobile');

    await context.close();
  });
});
