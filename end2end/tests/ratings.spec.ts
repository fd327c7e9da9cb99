import { expect, Page, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, hydrated, logIn, logOut, unique } from './helpers';

const SCALE = [
  '1 – totally dissatisfied',
  '2 – very dissatisfied',
  '3 – fairly dissatisfied',
  '4 – in the middle',
  '5 – fairly satisfied',
  '6 – very satisfied',
  '7 – totally satisfied',
];
const NOT_APPLICABLE = 'Does not apply to me';

/** The ratings page of the signed-in person, from their home page. */
async function ratingsPage(page: Page): Promise<string> {
  await page.goto('/');
  await page.getByRole('link', { name: 'My ratings' }).tap();
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'My ratings', level: 1 })).toBeVisible();
  return new URL(page.url()).pathname.replace(/\/ratings$/, '');
}

/** DIALOG one question a screen: `answers` are scale points (1-7) or 'na'. */
async function rateDialog(page: Page, plan: string, answers: (number | 'na')[], helpWith: number[] = []) {
  await page.goto(`${plan}/rate/dialog`);
  await hydrated(page);
  await expectAccessible(page);
  for (const [i, answer] of answers.entries()) {
    await expect(page.getByText(`${i + 1} of 11`, { exact: true })).toBeVisible();
    if (i === 0) {
      // Next without an answer says what is missing and stays.
      await page.getByRole('button', { name: 'Next' }).tap();
      await expect(page.getByText('Choose an answer')).toBeVisible();
      await expectAccessible(page);
    }
    const label = answer === 'na' ? NOT_APPLICABLE : SCALE[answer - 1];
    await page.getByRole('radio', { name: label, exact: true }).tap();
    if (helpWith.includes(i)) await page.getByRole('checkbox', { name: 'I want more help in this area' }).tap();
    await page.getByRole('button', { name: 'Next' }).tap();
  }
  await expect(page.getByRole('heading', { name: 'Check your answers' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Send my answers' }).tap();
  await expect(page.getByText('Thank you. Your answers are saved.')).toBeVisible();
}

test('a person rates DIALOG and the wheel on a phone and sees the change since last time', async ({ page }) => {
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  const plan = await ratingsPage(page);
  await expectAccessible(page);

  await rateDialog(page, plan, [4, 4, 'na', 5, 3, 'na', 5, 6, 5, 4, 5]);
  // The next rating shows each answer of last time beside its question.
  await page.goto(`${plan}/rate/dialog`);
  await hydrated(page);
  await expect(page.getByText('Last time: 4 – in the middle').first()).toBeVisible();
  await rateDialog(page, plan, [5, 4, 'na', 3, 3, 'na', 5, 6, 5, 4, 5], [3]);

  await page.getByRole('link', { name: 'Now rate your wellbeing wheel' }).tap();
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Wellbeing wheel', level: 1 })).toBeVisible();
  for (let i = 0; i < 10; i++) {
    await expect(page.getByText(`${i + 1} of 10`, { exact: true })).toBeVisible();
    await page.getByRole('radio', { name: String((i % 9) + 2), exact: true }).tap();
    await page.getByRole('button', { name: 'Next' }).tap();
  }
  await page.getByRole('button', { name: 'Back' }).tap();
  await expect(page.getByText('10 of 10', { exact: true })).toBeVisible();
  await page.getByRole('radio', { name: '9', exact: true }).tap();
  await page.getByRole('button', { name: 'Next' }).tap();
  await expect(page.getByRole('heading', { name: 'Check your answers' })).toBeVisible();
  await page.getByRole('button', { name: 'Send my answers' }).tap();
  await expect(page.getByText('Thank you. Your answers are saved.')).toBeVisible();

  await page.getByRole('link', { name: 'See your ratings over time' }).tap();
  await expect(page.getByRole('heading', { name: 'My ratings', level: 1 })).toBeVisible();
  const dialog = page.getByRole('region', { name: 'DIALOG: how satisfied are you?' });
  const accommodation = dialog.getByRole('listitem').filter({ hasText: /^Accommodation/ });
  await expect(accommodation).toContainText('3 – fairly dissatisfied (was 5 – fairly satisfied) ▼ down 2');
  await expect(accommodation).toContainText('Wants more help');
  await expect(dialog.getByRole('listitem').filter({ hasText: /^Mental health/ })).toContainText('▲ up 1');
  // Every picture has words, and its numbers as a table.
  await expect(dialog.getByRole('img', { name: /^Trend of Quality of life, Treatment satisfaction from .*number of ratings: \d+/ })).toBeVisible();
  const wheel = page.getByRole('region', { name: 'Wellbeing wheel' });
  await expect(wheel.getByRole('img', { name: /^Wellbeing wheel, now/ })).toBeVisible();
  await expect(wheel.getByRole('listitem').filter({ hasText: 'Identity and self-esteem: 9' })).toBeVisible();
  await wheel.getByText('Show as a table').tap();
  await expect(wheel.getByRole('table', { name: 'Wellbeing wheel scores at each rating' })).toBeVisible();
  await expectAccessible(page);

  // DIALOG+: pick an area, agree a goal for it.
  await page.getByRole('link', { name: 'Work on an area with DIALOG+' }).tap();
  await page.getByRole('checkbox', { name: /^Accommodation: 3/ }).tap();
  await page.getByRole('button', { name: 'Work on these' }).tap();
  await hydrated(page);
  const area = page.getByRole('article', { name: 'Accommodation' });
  await expect(area.getByRole('heading', { name: '2. Looking forward' })).toBeVisible();
  await expectAccessible(page);
  const goal = unique('Find a quieter flat ');
  await area.getByLabel('A goal for Accommodation').fill(goal);
  await area.getByRole('button', { name: 'Add as a goal' }).tap();
  await expect(area.getByText('Added to your goals.')).toBeVisible();
  await area.getByRole('link', { name: 'See your goals' }).tap();
  await expect(page.getByText(goal, { exact: true })).toBeVisible();

  // Goal progress, 0-10, one goal a screen; the new goal's line starts at its first rating.
  await page.goto(`${plan}/rate/goals`);
  await hydrated(page);
  const count = await page.locator('.question__count').first().textContent();
  const goals = Number(count?.split(' of ')[1]);
  for (let i = 0; i < goals; i++) {
    await page.getByRole('radio', { name: '3', exact: true }).tap();
    await page.getByRole('button', { name: 'Next' }).tap();
  }
  await page.getByRole('button', { name: 'Send my answers' }).tap();
  await page.getByRole('link', { name: 'See your ratings over time' }).tap();
  const progress = page.getByRole('region', { name: 'Progress on my goals' }).getByRole('article', { name: goal });
  await expect(progress).toContainText('First rated 3, now 3: = the same.');
  await expect(progress.getByRole('img', { name: new RegExp(`^Trend of ${goal} from .*number of ratings: 1\\.`) })).toBeVisible();
  await expectAccessible(page);
  await logOut(page);

  // The key worker's caseload flags the request for help and the drop of two points.
  await logIn(page, 'keyworker@example.org', DEMO_PASSWORD);
  await page.goto('/caseload');
  const sam = page.getByRole('listitem').filter({ hasText: 'Sam Taylor' });
  await expect(sam.getByText('Wants more help with: Accommodation')).toBeVisible();
  await expect(sam.getByText('Dropped 2 or more points: Accommodation (5 to 3)')).toBeVisible();
  await expectAccessible(page);
});

test('DIALOG can be sent, and its pictures read, without JavaScript @no-js', async ({ page }) => {
  await logIn(page, 'sam@example.org', DEMO_PASSWORD, false);
  await page.getByRole('link', { name: 'My ratings' }).click();
  const plan = new URL(page.url()).pathname.replace(/\/ratings$/, '');
  await page.goto(`${plan}/rate/dialog`);
  // Every question is on the one page; the review needs JavaScript, sending does not.
  const radios = page.getByRole('radio', { name: SCALE[5], exact: true });
  await expect(radios).toHaveCount(11);
  for (const radio of await radios.all()) await radio.check();
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await page.goto(`${plan}/ratings`);
  const dialog = page.getByRole('region', { name: 'DIALOG: how satisfied are you?' });
  await expect(dialog.getByRole('listitem').filter({ hasText: /^Mental health/ })).toContainText('6 – very satisfied');
  await expect(dialog.getByRole('img', { name: /^Trend of Quality of life, Treatment satisfaction/ })).toBeVisible();
  await dialog.getByText('Show as a table').first().click();
  await expect(dialog.getByRole('table', { name: 'DIALOG answers at each rating' })).toBeVisible();
});

test('the rating steps work by keyboard alone and move focus to each new question', async ({ page }) => {
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  const plan = await ratingsPage(page);
  await page.goto(`${plan}/rate/wheel`);
  await hydrated(page);
  await page.getByRole('radio', { name: '7', exact: true }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: '7', exact: true })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Next' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('2 of 10', { exact: true })).toBeVisible();
  await expect(page.getByRole('group', { name: /^2 of 10/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: '1', exact: true })).toBeChecked();
});

/** Answers the example questionnaire (server/tests/fixtures/instruments) a statement a screen. */
async function rateCheckIn(page: Page, plan: string, choices: string[]) {
  await page.goto(`${plan}/ratings`);
  await page.getByRole('link', { name: 'Rate: Weekly check-in (example)' }).tap();
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Weekly check-in (example)', level: 1 })).toBeVisible();
  await expect(page.getByText('Think about the last seven days.')).toBeVisible();
  await expect(page.getByText(/^An example questionnaire made up for the app's tests/)).toBeVisible();
  await expectAccessible(page);
  for (const [i, choice] of choices.entries()) {
    await expect(page.getByRole('group', { name: new RegExp(`^${i + 1} of ${choices.length}`) })).toBeVisible();
    await page.getByRole('radio', { name: choice, exact: true }).tap();
    await page.getByRole('button', { name: 'Next' }).tap();
  }
  await expect(page.getByRole('heading', { name: 'Check your answers' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: choices[0] }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Send my answers' }).tap();
  await expect(page.getByText('Thank you. Your answers are saved.')).toBeVisible();
}

test('a licensed questionnaire the service loads is asked in its words and its total shown over time', async ({ page }) => {
  await logIn(page, 'sam@example.org', DEMO_PASSWORD);
  const plan = await ratingsPage(page);
  const checkIn = page.getByRole('region', { name: 'Weekly check-in (example)' });
  await expect(checkIn.getByText('No ratings yet.')).toBeVisible();

  // Calm, stuck, close to others, everyday tasks too much, slept well: the second and fourth
  // count in reverse, and the fifth is asked but left out of the total.
  await rateCheckIn(page, plan, ['All of the time', 'None of the time', 'Most of the time', 'Some of the time', 'All of the time']);
  await page.getByRole('link', { name: 'See your ratings over time' }).tap();
  await expect(checkIn.getByText(/^Total 10 \(Scaled score: 83\.3\), on /)).toBeVisible();
  await rateCheckIn(page, plan, ['Some of the time', 'Most of the time', 'Some of the time', 'All of the time', 'None of the time']);
  await page.getByRole('link', { name: 'See your ratings over time' }).tap();
  // The file's table scales each total, shown beside it to the table's one decimal place.
  await expect(checkIn.getByText('First total 10 (Scaled score: 83.3), now 3 (Scaled score: 25.0): ▼ down 7.')).toBeVisible();
  await expect(checkIn.getByText('A higher total means a better week, from 0 to 12.')).toBeVisible();
  await expect(checkIn.getByRole('img', { name: /^Trend of Total from .*number of ratings: 2\./ })).toBeVisible();
  await checkIn.getByText('Show as a table: Weekly check-in (example): the total at each rating').tap();
  const totals = checkIn.getByRole('table', { name: 'Weekly check-in (example): the total at each rating' });
  await expect(totals.getByRole('columnheader', { name: 'Scaled score' })).toBeVisible();
  // Then the file's two subscales: feelings (calm, stuck reversed) and getting on (close to
  // others, everyday tasks reversed), each summed as the total sums them.
  await expect(totals.getByRole('columnheader', { name: 'Feelings' })).toBeVisible();
  await expect(totals.getByRole('columnheader', { name: 'Getting on' })).toBeVisible();
  await expect(totals.getByRole('row').nth(1)).toContainText('1083.364');
  await expect(totals.getByRole('row').nth(2)).toContainText('325.021');
  // On the narrowest phone the table keeps whole words and scrolls sideways in its box, which
  // the keyboard can scroll too.
  await page.setViewportSize({ width: 320, height: 700 });
  const box = totals.locator('xpath=..');
  await expect.poll(() => box.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeGreaterThan(0);
  await box.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => box.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
  await page.setViewportSize({ width: 390, height: 844 });
  // Each table's "Show as a table" says which table to a screen reader.
  await checkIn.getByText('Show as a table: Weekly check-in (example): the answers at each rating').tap();
  const answers = checkIn.getByRole('table', { name: 'Weekly check-in (example): the answers at each rating' });
  await expect(answers.getByRole('row', { name: /^I felt stuck\./ })).toContainText('None of the timeMost of the time');
  await expect(answers.getByRole('row', { name: /^I slept well\. \(not in the total\)/ })).toContainText('All of the timeNone of the time');
  await expectAccessible(page);
  await logOut(page);

  // The key worker sees the same totals; a carer is not shown ratings at all.
  await logIn(page, 'keyworker@example.org', DEMO_PASSWORD);
  await page.goto(`${plan}/ratings`);
  await expect(checkIn.getByText('First total 10 (Scaled score: 83.3), now 3 (Scaled score: 25.0): ▼ down 7.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Rate: Weekly check-in (example)' })).toHaveCount(0);
  // And the newest total on the caseload, with its change since the rating before.
  await page.getByRole('link', { name: 'My caseload' }).first().click();
  const newest = page.getByText(/^Weekly check-in \(example\) · .+: total 3 \(Scaled score: 25\.0\) \(▼ down 7 since the rating before\)$/);
  await expect(newest).toBeVisible();
  // Under it, what the newest rating's parts sum to.
  await expect(newest.locator('xpath=following-sibling::p[1]')).toHaveText('Parts: Feelings 2, Getting on 1');
  await expectAccessible(page);
});
