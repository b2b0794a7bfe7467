import { describe, expect, it } from 'vitest';
import { signUpThroughUi, snap, startE2eApp } from './browser';

const app = await startE2eApp();

describe('developer settings in the browser', { timeout: 60_000 }, () => {
  it('creates an API token, shows its text once, lists it and revokes it', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await signUpThroughUi(page, 'Tok En');

    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
    await page.getByText('No API tokens yet').waitFor();

    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText(/Name the token after what uses it/).waitFor();

    await page.getByRole('textbox', { name: 'Name' }).fill('CI pipeline');
    await page.getByRole('button', { name: 'Create token' }).click();

    const shown = page.getByLabel('New API token', { exact: true });
    await shown.waitFor();
    const token = await shown.innerText();
    expect(token).toMatch(/^pp_\S{20,}$/);
    await page.getByText('you won’t see it again').waitFor();

    const row = page.getByRole('row').filter({ hasText: 'CI pipeline' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Editor');
    expect(await row.innerText()).toMatch(/active/i);
    expect(await row.innerText()).toContain('Never');
    const prefix = (await row.locator('code').innerText()).replace('…', '');
    expect(token.startsWith(prefix)).toBe(true);
    expect(await row.innerText()).not.toContain(token);
    await snap(page, 'api-tokens');

    await page.getByRole('button', { name: 'I have stored it' }).click();
    await shown.waitFor({ state: 'detached' });
    expect(await page.locator('body').innerText()).not.toContain(token);

    const callWithToken = () =>
      fetch(`${app.url}/trpc/auth.me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await callWithToken()).status).toBe(200);

    await row.getByRole('button', { name: 'Revoke CI pipeline' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('Revoked', { exact: true }).waitFor();
    expect(await row.getByRole('button', { name: 'Revoke CI pipeline' }).count()).toBe(0);

    expect((await callWithToken()).status).toBe(401);

    await context.close();
  });

  it('adds a webhook, shows its signing secret once, lists it with its delivery log and deletes it', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await signUpThroughUi(page, 'Web Hooker');

    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await page.getByText('Postpilot-Signature: t=…,v1=…').waitFor();

    await page.getByRole('textbox', { name: 'Endpoint URL' }).fill('not a url');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByText(/Enter the full address of your endpoint/).waitFor();

    await page.getByRole('textbox', { name: 'Endpoint URL' }).fill('http://127.0.0.1:9/hooks');
    expect(await page.getByRole('checkbox', { name: 'post.published' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Add webhook' }).click();

    const shown = page.getByLabel('Signing secret', { exact: true });
    await shown.waitFor();
    const secret = await shown.innerText();
    expect(secret).toMatch(/^whsec_\S{20,}$/);

    const card = page.getByRole('region', { name: 'Webhook http://127.0.0.1:9/hooks' });
    await card.waitFor();
    await card.getByText('post.published').waitFor();
    await card.getByText('No deliveries yet').waitFor();
    expect(await card.innerText()).not.toContain(secret);
    await snap(page, 'webhooks');

    await page.getByRole('button', { name: 'I have stored it' }).click();
    await shown.waitFor({ state: 'detached' });

    const { db } = app.services;
    const webhook = await db
      .selectFrom('webhooks')
      .select(['id', 'workspace_id'])
      .where('url', '=', 'http://127.0.0.1:9/hooks')
      .executeTakeFirstOrThrow();
    const delivery = await db
      .insertInto('webhook_deliveries')
      .values({
        webhook_id: webhook.id,
        workspace_id: webhook.workspace_id,
        event: 'post.published',
        payload: JSON.stringify({ id: 'evt', type: 'post.published' }),
        status: 'failed',
        attempts: 10,
        last_status: 503,
        last_error: 'Service Unavailable',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await page.reload();
    const deliveryRow = card.getByRole('row').filter({ hasText: 'HTTP 503' });
    await deliveryRow.getByText('failed', { exact: true }).waitFor();
    expect(await deliveryRow.innerText()).toContain('Service Unavailable');

    await deliveryRow.getByRole('button', { name: 'Send again' }).click();
    await page.getByText('Delivery queued to be sent again').waitFor();
    await card.getByText('pending', { exact: true }).waitFor();
    const resent = await db
      .selectFrom('webhook_deliveries')
      .select(['status', 'attempts'])
      .where('id', '=', delivery.id)
      .executeTakeFirstOrThrow();
    expect(resent.attempts).toBeLessThan(10);

    page.once('dialog', (dialog) => void dialog.accept());
    await card.getByRole('button', { name: 'Delete' }).click();
    await card.waitFor({ state: 'detached' });
    await page.getByText('No webhooks yet').waitFor();

    await context.close();
  });
});
