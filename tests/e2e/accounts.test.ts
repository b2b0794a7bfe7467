import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MOBILE, PASSWORD, signUpThroughUi, snap, startE2eApp, uniqueEmail } from './browser';

const app = await startE2eApp();

async function bodyText(page: Page): Promise<string> {
  return page.locator('body').innerText();
}

describe('accounts, workspaces and members in the browser', { timeout: 60_000 }, () => {
  it('shows field errors from the form and the server when signing up', async () => {
    const context = await app.newContext();
    const page = await context.newPage();

    await page.goto('/sign-up');
    await page.getByLabel('Your name').fill('Short Password');
    await page.getByLabel('Work email').fill('not-an-email');
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByText('Enter a valid email address').waitFor();
    await page.getByText('Use at least 10 characters').waitFor();
    await snap(page, 'sign-up-errors');

    const taken = await signUpThroughUi(page, 'First Person');
    await context.clearCookies();
    await page.goto('/sign-up');
    await page.getByLabel('Your name').fill('Second Person');
    await page.getByLabel('Work email').fill(taken);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /already/i })
      .waitFor();

    await context.close();
  });

  it('signs up, signs out, is sent to sign-in for app pages, and signs back in to where it was going', async () => {
    const context = await app.newContext();
    const page = await context.newPage();

    const email = await signUpThroughUi(page, 'Ada Marketer');
    expect(await bodyText(page)).toContain('Ada Marketer');
    await snap(page, 'home-desktop');

    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    await page.goto('/members');
    await page.waitForURL(/\/sign-in\?next=%2Fmembers/);
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('wrong password here');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /email or password/i })
      .waitFor();

    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    expect(page.url()).toMatch(/\/members$/);

    await context.close();
  });

  it('creates a workspace from the switcher and switches between workspaces', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await signUpThroughUi(page, 'Switch Er');

    await page.getByRole('button', { name: /Switch workspace/ }).click();
    await page.getByRole('menuitem', { name: 'Create workspace' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a workspace' });
    await dialog.getByLabel('Workspace name').fill('Client Two');
    await dialog.getByRole('button', { name: 'Create workspace' }).click();

    await page.getByRole('heading', { name: 'Client Two' }).waitFor();
    await page.getByRole('button', { name: /Workspace: Client Two/ }).waitFor();

    await page.getByRole('button', { name: /Switch workspace/ }).click();
    const items = page.getByRole('menuitem');
    expect(await items.allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('Client Two')]),
    );
    await items.first().click();
    await page.getByRole('button', { name: /Workspace: (?!Client Two)/ }).waitFor();

    await context.close();
  });

  it('lets an owner invite, change roles and remove, and shows why the last owner cannot leave', async () => {
    const colleague = await app.newContext();
    const colleaguePage = await colleague.newPage();
    const colleagueEmail = await signUpThroughUi(colleaguePage, 'Cole League', uniqueEmail('cole'));

    const context = await app.newContext();
    const page = await context.newPage();
    await signUpThroughUi(page, 'Owen Owner');
    await page.getByRole('link', { name: 'Members' }).first().click();

    await page.getByRole('textbox', { name: 'Email', exact: true }).fill('nobody-here@example.com');
    await page.getByRole('button', { name: 'Invite' }).click();
    await page.getByText('No account uses this email yet').waitFor();

    await page.getByRole('textbox', { name: 'Email', exact: true }).fill(colleagueEmail);
    await page.getByRole('button', { name: 'Invite' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Cole League' });
    await row.waitFor();
    expect(await row.getByLabel('Role of Cole League').inputValue()).toBe('Editor');

    await row.getByLabel('Role of Cole League').click();
    await page.getByRole('option', { name: /Viewer/ }).click();
    await page.getByText('Cole League’s role changed').waitFor();
    expect(await row.getByLabel('Role of Cole League').inputValue()).toBe('Viewer');
    await snap(page, 'members-desktop');

    await page.getByRole('button', { name: 'Leave workspace' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Leave' }).click();
    await page.getByRole('dialog').getByRole('alert').filter({ hasText: /owner/i }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await row.getByRole('button', { name: 'Remove Cole League' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await row.waitFor({ state: 'detached' });

    await context.close();
    await colleague.close();
  });

  it('collapses the navbar behind a burger on a phone', async () => {
    const context = await app.newContext(MOBILE);
    const page = await context.newPage();
    await signUpThroughUi(page, 'Mo Bile');

    const nav = page.getByRole('navigation', { name: 'Main' });
    const onScreen = async () => ((await nav.boundingBox())?.x ?? -1) >= 0;
    expect(await onScreen()).toBe(false);
    await snap(page, 'home-mobile');

    await page.getByRole('button', { name: 'Open navigation' }).click();
    await expect.poll(onScreen).toBe(true);
    await snap(page, 'nav-mobile');
    await nav.getByRole('link', { name: 'Members' }).click();
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    await expect.poll(onScreen).toBe(false);

    await context.close();
  });
});
