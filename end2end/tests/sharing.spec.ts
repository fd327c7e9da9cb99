import { Browser, expect, Page, test } from '@playwright/test';
import { about, DEMO_PASSWORD, expectAccessible, hydrated, logIn, unique } from './helpers';

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext(test.info().project.use);
  const page = await context.newPage();
  await logIn(page, email, DEMO_PASSWORD);
  return page;
}

test('the person shares the crisis plan with a carer, who sees only that, until it is stopped', async ({
  browser,
}) => {
  const sam = await signedIn(browser, 'sam@example.org');
  await sam.getByRole('link', { name: 'Who sees my plan' }).click();
  await hydrated(sam);
  await expect(sam.getByRole('heading', { name: 'Who sees my plan', level: 1 })).toBeVisible();
  await expectAccessible(sam);
  const sharePart = sam.getByRole('region', { name: 'Share a part of your plan' });
  await sharePart.getByLabel('Share with').selectOption({ label: 'Alex Taylor' });
  await sharePart.getByLabel('Part of the plan').selectOption({ label: 'My crisis plan' });
  await sharePart.getByRole('button', { name: 'Share', exact: true }).click();
  const alexCard = sam.locator('li.card', { has: sam.getByRole('heading', { name: 'Alex Taylor' }) });
  await expect(alexCard.getByText('My crisis plan', { exact: true })).toBeVisible();
  await expectAccessible(sam);

  const alex = await signedIn(browser, 'alex@example.org');
  await expect(alex.getByText('Sam Taylor shares these parts of their plan with you: My crisis plan.')).toBeVisible();
  await expectAccessible(alex);
  await alex.getByRole('link', { name: 'Open what Sam Taylor shares' }).click();
  await hydrated(alex);
  await expect(alex.getByRole('heading', { name: 'Plan of Sam Taylor', level: 1 })).toBeVisible();
  await expect(alex.getByRole('region', { name: 'My crisis plan' })).toBeVisible();
  await expect(alex.getByRole('link', { name: 'Call 999' })).toHaveAttribute('href', 'tel:999');
  await expect(alex.getByRole('region', { name: 'My goals' })).toHaveCount(0);
  await expect(alex.getByRole('region', { name: 'About me' })).toHaveCount(0);
  await expectAccessible(alex);
  const planPath = new URL(alex.url()).pathname;

  await alexCard.getByRole('button', { name: about('Stop sharing', 'My crisis plan, Alex Taylor') }).click();
  await expect(alexCard.getByText('Nothing shared yet.')).toBeVisible();
  await expect(sam.getByText(/Shared My crisis plan with Alex Taylor on .* Stopped on/).first()).toBeVisible();

  await sam.reload();
  await hydrated(sam);
  await expect(sam.getByText(/^Alex Taylor \(Carer\) read My crisis plan on .* at \d\d:\d\d$/).first()).toBeVisible();
  await expectAccessible(sam);

  await alex.goto(planPath);
  await expect(alex.getByText('We could not find that.')).toBeVisible();
  await expect(alex.getByRole('region', { name: 'My crisis plan' })).toHaveCount(0);
  await expectAccessible(alex);
});

test('the person shares two actions with a carer, who ticks one off, until sharing stops', async ({ browser }) => {
  const sam = await signedIn(browser, 'sam@example.org');
  await sam.getByRole('link', { name: 'My plan' }).first().click();
  await hydrated(sam);
  await sam.getByRole('link', { name: about('Change', 'Actions: who does what') }).click();
  await hydrated(sam);
  const actionsPath = new URL(sam.url()).pathname;
  const [first, second, private_] = ['Collect the prescription ', 'Book the dentist ', 'See the bank '].map(unique);
  for (const what of [first, second, private_]) {
    await sam.getByLabel('What will be done').fill(what);
    await sam.getByLabel('Who will do it').selectOption({ label: 'Me' });
    await sam.getByRole('button', { name: 'Add action' }).click();
    await expect(sam.locator('li.action', { hasText: what })).toBeVisible();
  }
  await sam.goto(actionsPath.replace(/actions$/, 'sharing'));
  await hydrated(sam);
  const shareOne = sam.getByRole('region', { name: 'Share one action' });
  for (const what of [first, second]) {
    await shareOne.getByLabel('Share with').selectOption({ label: 'Alex Taylor' });
    await shareOne.getByLabel('Which action').selectOption({ label: what });
    await shareOne.getByRole('button', { name: 'Share this action' }).click();
    await expect(sam.getByText(`Action: ${what}`, { exact: true })).toBeVisible();
  }
  await expectAccessible(sam);

  const alex = await signedIn(browser, 'alex@example.org');
  await expect(alex.getByText(/Sam Taylor shares these parts of their plan with you: .*actions for you to help with/)).toBeVisible();
  // The carer's inbox on the home page lists both, and ticks one off there.
  await hydrated(alex);
  const inbox = alex.getByRole('region', { name: 'Actions for you' });
  await expect(inbox.locator('.action__what', { hasText: first })).toBeVisible();
  await expect(inbox.locator('.action__what', { hasText: second })).toBeVisible();
  await expect(inbox.locator('.action__what', { hasText: private_ })).toHaveCount(0);
  await expectAccessible(alex);
  await inbox.getByRole('button', { name: about('Mark as done', second) }).click();
  await expect(inbox.locator('.action__what', { hasText: second })).toHaveCount(0);
  await expect(inbox.locator('.action__what', { hasText: first })).toBeVisible();
  await alex.goto(actionsPath);
  await hydrated(alex);
  await expect(alex.locator('li.action', { hasText: first })).toBeVisible();
  await expect(alex.locator('li.action', { hasText: second })).toBeVisible();
  await expect(alex.locator('li.action', { hasText: private_ })).toHaveCount(0);
  await expect(alex.getByRole('button', { name: 'Add action' })).toHaveCount(0);
  const ticked = alex.locator('li.action', { hasText: first });
  await ticked.getByRole('button', { name: about('Mark as done', first) }).click();
  await expect(ticked.locator('.tag')).toHaveText('Done');
  await expect(ticked.getByText('Last changed by Alex Taylor on')).toBeVisible();
  await expect(ticked.getByRole('link', { name: about('Change', first) })).toHaveCount(0);
  await expectAccessible(alex);

  // Sam sees Alex's tick, stops both shares, and the log says what Alex did.
  await sam.goto(actionsPath);
  await expect(sam.locator('li.action', { hasText: first }).getByText('Last changed by Alex Taylor on')).toBeVisible();
  await sam.goto(actionsPath.replace(/actions$/, 'sharing'));
  await hydrated(sam);
  const alexCard = sam.locator('li.card', { has: sam.getByRole('heading', { name: 'Alex Taylor' }) });
  for (const what of [first, second]) {
    await alexCard.getByRole('button', { name: about('Stop sharing', `Action: ${what}, Alex Taylor`) }).click();
    await expect(alexCard.getByText(`Action: ${what}`, { exact: true })).toHaveCount(0);
  }
  await expect(sam.getByText(/^Alex Taylor \(Carer\) changed Actions: who does what on .* at \d\d:\d\d$/).first()).toBeVisible();
  await expect(sam.getByText(/^Alex Taylor \(Carer\) read Actions: who does what on .* at \d\d:\d\d$/).first()).toBeVisible();
  await expectAccessible(sam);

  await alex.goto(actionsPath);
  await expect(alex.getByText('We could not find that.')).toBeVisible();
  await expect(alex.locator('li.action')).toHaveCount(0);
  await expectAccessible(alex);
});

test('a crisis card shows the crisis plan to anyone holding its link, until it is stopped', async ({ browser }) => {
  const sam = await signedIn(browser, 'sam@example.org');
  await sam.getByRole('link', { name: 'Who sees my plan' }).click();
  await hydrated(sam);
  const cards = sam.getByRole('region', { name: 'Crisis card for A&E or ambulance staff' });
  const label = unique('A&E ');
  await cards.getByLabel('Who is it for').fill(label);
  await cards.getByLabel('How long it works').selectOption({ label: '7 day(s)' });
  await cards.getByRole('button', { name: 'Make the card' }).click();
  await expect(cards.getByRole('img', { name: `QR code of the crisis card link for ${label}` })).toBeVisible();
  const link = await cards.getByLabel('Link to the crisis card').inputValue();
  await expectAccessible(sam);

  // Staff in A&E: another browser, not signed in.
  const context = await browser.newContext(test.info().project.use);
  const staff = await context.newPage();
  await staff.goto(link);
  await expect(staff.getByRole('heading', { name: 'Crisis plan of Sam Taylor', level: 1 })).toBeVisible();
  await expect(staff.getByRole('link', { name: 'Call 999' })).toHaveAttribute('href', 'tel:999');
  await expect(staff.getByRole('region', { name: 'My goals' })).toHaveCount(0);
  await expectAccessible(staff);

  await sam.reload();
  await hydrated(sam);
  const card = cards.locator('li.card', { has: sam.getByRole('heading', { name: label }) });
  await expect(card.getByText(/^Opened 1 time\(s\): /)).toBeVisible();
  await expect(sam.getByText(`Someone with your crisis card link for ${label} opened My crisis plan on`, { exact: false })).toBeVisible();
  await card.getByRole('button', { name: about('Stop this card', label) }).click();
  await expect(card).toHaveCount(0);
  await expect(cards.getByText(`${label}, made on`)).toBeVisible();
  await staff.reload();
  await expect(staff.getByText('We could not find that.')).toBeVisible();
  await expectAccessible(staff);
});

test('a link for a GP surgery shows the parts of the plan chosen for it, and not the crisis plan', async ({ browser }) => {
  const sam = await signedIn(browser, 'sam@example.org');
  await sam.getByRole('link', { name: 'Who sees my plan' }).click();
  await hydrated(sam);
  const cards = sam.getByRole('region', { name: 'Crisis card for A&E or ambulance staff' });
  const label = unique('Riverside Surgery ');
  await cards.getByLabel('Who is it for').fill(label);
  const shows = cards.getByRole('group', { name: 'What it shows' });
  await shows.getByRole('checkbox', { name: 'My crisis plan' }).uncheck();
  await cards.getByRole('button', { name: 'Make the card' }).click();
  await expect(cards.getByRole('link', { name: 'Choose at least one part of your plan to show' })).toBeVisible();
  await expect(cards.getByLabel('Who is it for')).toHaveValue(label);
  await shows.getByRole('checkbox', { name: 'About me' }).check();
  await shows.getByRole('checkbox', { name: 'My goals' }).check();
  await cards.getByRole('button', { name: 'Make the card' }).click();
  const link = await cards.getByLabel('Link to the crisis card').inputValue();
  await expectAccessible(sam);

  const context = await browser.newContext(test.info().project.use);
  const surgery = await context.newPage();
  await surgery.goto(link);
  await expect(surgery.getByRole('heading', { name: 'Plan of Sam Taylor', level: 1 })).toBeVisible();
  await expect(surgery.getByRole('region', { name: 'My goals' })).toBeVisible();
  await expect(surgery.getByRole('region', { name: 'About me' })).toBeVisible();
  await expect(surgery.getByRole('region', { name: 'My crisis plan' })).toHaveCount(0);
  await expect(surgery.getByRole('link', { name: /Change|Open/ })).toHaveCount(0);
  await expectAccessible(surgery);

  await sam.reload();
  await hydrated(sam);
  const card = cards.locator('li.card', { has: sam.getByRole('heading', { name: label }) });
  await expect(card.getByText('Shows: About me, My goals.')).toBeVisible();
  await context.close();
});

test('the person stops sharing a part of the plan with the care team, and shares it again', async ({ browser }) => {
  const sam = await signedIn(browser, 'sam@example.org');
  await sam.getByRole('link', { name: 'Who sees my plan' }).click();
  await hydrated(sam);
  const team = sam.getByRole('region', { name: 'Your care team' });
  const aboutMe = team.getByRole('listitem').filter({ hasText: /^About me:/ });
  await expect(aboutMe).toContainText('About me: your care team can see this');
  await aboutMe.getByRole('button', { name: about('Stop sharing with the care team', 'About me') }).click();
  await expect(aboutMe).toContainText('About me: not shared with your care team');
  await expect(sam.getByText(/^You stopped sharing About me with your care team on /)).toBeVisible();
  await expectAccessible(sam);
  await aboutMe.getByRole('button', { name: about('Share with the care team again', 'About me') }).click();
  await expect(aboutMe).toContainText('About me: your care team can see this');
  await expect(sam.getByText(/You shared it again on /)).toBeVisible();
});
