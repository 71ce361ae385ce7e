import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));
// Flags from the machine notes: without the background-networking ones Chromium keeps calling out of a closed network.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('officers and the Government Office in a real browser', () => {
  let w: World;
  const contexts: BrowserContext[] = [];
  /** What the pages' Content-Security-Policy blocked, seen in the browser's console. */
  const cspViolations: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium is not at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    execFileSync(
      process.execPath,
      [fileURLToPath(new URL('../../admin-ui/scripts/ensure-built.mjs', import.meta.url))],
      { stdio: 'inherit' },
    );
    mkdirSync(SCREENSHOTS, { recursive: true });
    // A count cap of 5 stands for the national 10,000, so that a list here has more matches than it counts.
    w = await startWorld(serverUrl, { LIST_COUNT_CAP: '5' });
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await w?.stop();
  });

  /** A fresh browser profile per person, as two people at two desks. */
  const browser = async (viewport = { width: 1366, height: 900 }): Promise<Page> => {
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'caunoi-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport,
      locale: 'vi-VN',
    });
    contexts.push(context);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return page;
  };
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const login = async (page: Page, email: string) => {
    await page.goto(`${w.url}/admin/`);
    await page.locator('input[name="username"]').fill(email);
    await page.locator('input[name="password"]').fill('caunoi-demo');
    await page.locator('button[type="submit"]').click();
    await page.getByRole('menuitem', { name: 'Hồ sơ' }).waitFor();
  };
  const openCases = async (page: Page) => {
    await page.getByRole('menuitem', { name: 'Hồ sơ' }).click();
    await page.locator('input[name="q"]').waitFor();
  };
  const act = async (page: Page, action: string, fill?: { field: string; value: string }) => {
    await page.getByRole('button', { name: action, exact: true }).click();
    const dialog = page.getByRole('dialog');
    if (fill) await dialog.locator(`textarea[name="${fill.field}"]`).fill(fill.value);
    await dialog.getByRole('button', { name: action }).click();
    await dialog.waitFor({ state: 'detached' });
  };

  /** axe-core's serious and critical findings on the page as it is now (moderate ones are printed, not failed). */
  const accessibilityProblems = async (page: Page, name: string): Promise<string[]> => {
    // A toast halfway through its fade-in is paler than anyone reads it: axe looks at the page at rest.
    await page.evaluate(`Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)))`);
    // Evaluated over the DevTools protocol: the pages' Content-Security-Policy forbids inline scripts, rightly.
    await page.evaluate(AXE_SOURCE);
    // Browser-side code as text: the backend's tests are typed without the DOM library.
    const violations = (await page.evaluate(
      `axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`,
    )) as Array<{
      id: string;
      impact: string | null;
      targets: string[];
    }>;
    const minor = violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
    if (minor.length) console.log(`axe ${name}: ${minor.map((v) => `${v.id} (${v.impact})`).join(', ')}`);
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${name}: ${v.id} (${v.impact}) at ${v.targets.join(', ')}`);
  };
  /** Whether the page scrolls sideways (a phone user would have to pan to read it). */
  const scrollsSideways = async (page: Page) =>
    (await page.evaluate('document.documentElement.scrollWidth > window.innerWidth + 1')) as boolean;

  it('opens the login form at once on a cold load, without a redirect loop, in under 400 kB', async () => {
    const page = await browser();
    // Counts every history entry the app makes: a redirect loop between checkAuth and /login shows up here.
    await page.addInitScript(`
      window.caunoiNavigations = 0;
      for (const method of ['pushState', 'replaceState']) {
        const original = history[method].bind(history);
        history[method] = (...args) => { window.caunoiNavigations += 1; return original(...args); };
      }
    `);
    const started = Date.now();
    await page.goto(`${w.url}/admin/`);
    await page.locator('input[name="username"]').waitFor();
    const coldLoadMs = Date.now() - started;
    const navigationsAtForm = (await page.evaluate('window.caunoiNavigations')) as number;
    await page.waitForTimeout(1000); // a loop would keep counting after the form appeared
    const navigations = (await page.evaluate('window.caunoiNavigations')) as number;
    // What went over the wire (compressed), for the page and everything it loaded.
    const transferred = (await page.evaluate(
      `[...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].reduce((sum, e) => sum + e.transferSize, 0)`,
    )) as number;
    console.log(
      `admin UI cold load: login form after ${coldLoadMs} ms, ${navigations} navigations, ${(transferred / 1024).toFixed(1)} kB transferred`,
    );
    // The loop pushed #/login about 2,800 times and kept going after the form showed: a handful of
    // history entries while booting is react-admin's own, and then it must stop.
    expect(navigations).toBeLessThan(50);
    expect(navigations - navigationsAtForm).toBeLessThanOrEqual(2);
    expect(transferred).toBeLessThan(400 * 1024);
    expect(await accessibilityProblems(page, 'login')).toEqual([]);
  });

  it('passes axe on the dashboard, the case list and a case page, and the portal pages', async () => {
    const { caseId } = await w.submit('00004', { title: 'Vỉa hè bị lấn chiếm trước chợ' });
    const page = await browser();
    await login(page, 'truong.badinh@caunoi.local');
    await page.getByRole('heading', { name: 'Tổng quan: Phường Ba Đình', level: 1 }).waitFor();
    await page.getByTestId('kpi-received').waitFor();
    const problems = await accessibilityProblems(page, 'dashboard');
    await openCases(page);
    await page.getByRole('cell', { name: 'Vỉa hè bị lấn chiếm trước chợ' }).waitFor();
    problems.push(...(await accessibilityProblems(page, 'case list')));
    // A case arriving while the list is open raises a toast over it, which must be as readable as the list.
    await w.submit('00004', { title: 'Đèn đường hỏng ở ngõ chợ' });
    await page.getByText(/Hồ sơ mới: .* — Đèn đường hỏng ở ngõ chợ/).waitFor();
    problems.push(...(await accessibilityProblems(page, 'case list with a new case toast')));
    await page.goto(`${w.url}/admin/#/cases/${caseId}/show`);
    await page.getByRole('heading', { name: /Vỉa hè bị lấn chiếm trước chợ/ }).waitFor();
    problems.push(...(await accessibilityProblems(page, 'case page')));
    await page.goto(`${w.url}/`);
    problems.push(...(await accessibilityProblems(page, 'portal form')));
    await page.goto(`${w.url}/track`);
    problems.push(...(await accessibilityProblems(page, 'portal tracking form')));
    expect(problems).toEqual([]);
  });

  it('is usable at 390 px: the top bar fits, the case list is a list of cards, the portal never scrolls sideways', async () => {
    await w.submit('00004', { title: 'Đèn tín hiệu giao thông hỏng ở ngã tư Kim Mã' });
    const phone = await browser({ width: 390, height: 844 });
    // On a phone the menu is folded away: the officer goes to the cases from the address.
    await phone.goto(`${w.url}/admin/`);
    await phone.locator('input[name="username"]').fill('canbo.badinh@caunoi.local');
    await phone.locator('input[name="password"]').fill('caunoi-demo');
    await phone.locator('button[type="submit"]').click();
    await phone.getByRole('heading', { name: 'Tổng quan: Phường Ba Đình', level: 1 }).waitFor();
    await phone.goto(`${w.url}/admin/#/cases`);
    await phone.getByText('Đèn tín hiệu giao thông hỏng ở ngã tư Kim Mã').waitFor();
    expect(await scrollsSideways(phone)).toBe(false);
    const bar = await phone.locator('header').boundingBox();
    expect(bar!.width).toBeLessThanOrEqual(390);
    await shot(phone, '15-phone-case-list');

    const citizen = await browser({ width: 390, height: 844 });
    await citizen.goto(`${w.url}/`);
    expect(await scrollsSideways(citizen)).toBe(false);
    await citizen.getByLabel(/^Tiêu đề/).fill('Ổ gà lớn trên phố Kim Mã');
    await citizen.getByLabel(/^Nội dung/).fill('Ổ gà sâu khoảng 20 cm trước số 120 Kim Mã, xe máy đã ngã hai lần.');
    await citizen.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await citizen.getByRole('heading', { name: 'Đã tiếp nhận phản ánh' }).waitFor();
    expect(await scrollsSideways(citizen)).toBe(false);
    await shot(citizen, '16-phone-portal-received');
    const [code, key] = await citizen.locator('dd.code').allInnerTexts();
    await citizen.goto(`${w.url}/track?code=${code}&key=${key}`);
    await citizen.getByText('Ổ gà lớn trên phố Kim Mã').first().waitFor();
    expect(await scrollsSideways(citizen)).toBe(false);
    await shot(citizen, '17-phone-portal-status');
  });

  it('a citizen submits on the portal; the case appears live for the officer, who accepts and answers; the citizen reads the answer', async () => {
    const officer = await browser();
    await login(officer, 'canbo.badinh@caunoi.local');
    await openCases(officer);
    await shot(officer, '01-officer-case-list');

    const citizen = await browser();
    await citizen.goto(`${w.url}/`);
    await citizen.getByLabel(/^Tiêu đề/).fill('Cột đèn nghiêng trước số 9 Đội Cấn');
    await citizen
      .getByLabel(/^Nội dung/)
      .fill('Cột đèn nghiêng hẳn sang lòng đường sau trận mưa, rất nguy hiểm cho người đi xe máy.');
    await citizen.getByLabel(/^Lĩnh vực/).selectOption('road-traffic');
    await citizen.getByLabel(/^Tỉnh, thành phố/).selectOption('01');
    await citizen.locator('#communeCode option[value="00004"]').waitFor({ state: 'attached' });
    await citizen.getByLabel(/^Xã, phường/).selectOption('00004');
    await shot(citizen, '02-portal-form');
    await citizen.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await citizen.getByRole('heading', { name: 'Đã tiếp nhận phản ánh' }).waitFor();
    await shot(citizen, '03-portal-received');
    const [code, key] = await citizen.locator('dd.code').allInnerTexts();

    // No reload: the socket brings it into the officer's list.
    const row = officer.getByRole('cell', { name: 'Cột đèn nghiêng trước số 9 Đội Cấn' });
    await row.waitFor({ timeout: 15_000 });
    await officer.getByText(`Hồ sơ mới: ${code}`).waitFor(); // the toast
    await shot(officer, '04-officer-live-arrival');
    await row.click();
    await officer
      .getByRole('heading', { name: new RegExp(code!.replaceAll('.', '\\.')) })
      .waitFor()
      .catch(async (error: unknown) => {
        await shot(officer, '04-failed-case-page');
        throw error;
      });
    await act(officer, 'Thụ lý');
    await officer.getByText('Đang giải quyết').first().waitFor();
    await act(officer, 'Trả lời', {
      field: 'answer',
      value: 'Điện lực Ba Đình đã dựng lại cột đèn sáng 23/11. Cảm ơn ông/bà.',
    });
    await officer.getByText('Đã trả lời').first().waitFor();
    await shot(officer, '05-officer-case-answered');

    await citizen.goto(`${w.url}/track?code=${code}&key=${key}`);
    await citizen.getByText('Điện lực Ba Đình đã dựng lại cột đèn sáng 23/11. Cảm ơn ông/bà.').waitFor();
    expect(await citizen.getByText('Đã có kết quả').count()).toBeGreaterThan(0);
    await shot(citizen, '05-portal-answer-citizen');
  });

  it('a supervisor transfers a case with the unit picker and the receiving officer sees it arrive', async () => {
    const { caseId } = await w.submit('00004', { title: 'Cây đổ chắn lối vào chợ' });
    const receiver = await browser();
    await login(receiver, 'canbo.ngocha@caunoi.local');
    await openCases(receiver);

    const supervisor = await browser();
    await login(supervisor, 'truong.badinh@caunoi.local');
    await supervisor.goto(`${w.url}/admin/#/cases/${caseId}/show`);
    await supervisor.getByRole('button', { name: 'Chuyển đơn vị khác', exact: true }).click();
    const dialog = supervisor.getByRole('dialog');
    await dialog.getByLabel(/Đơn vị nhận/).fill('Ngọc Hà');
    await supervisor.getByRole('option', { name: /Phường Ngọc Hà/ }).click();
    await dialog.locator('textarea[name="reason"]').fill('Địa điểm thuộc địa bàn phường Ngọc Hà.');
    await shot(supervisor, '06-transfer-dialog');
    await dialog.getByRole('button', { name: 'Chuyển đơn vị khác' }).click();
    await dialog.waitFor({ state: 'detached' });

    await receiver.getByRole('cell', { name: 'Cây đổ chắn lối vào chợ' }).waitFor({ timeout: 15_000 });
    await shot(receiver, '07-receiver-list');
    const [row] = await w.sql(
      'select ou.code from case_file c join org_unit ou on ou.id = c.owning_unit_id where c.id = $1',
      [caseId],
    );
    expect(row.code).toBe('00008');
  });

  it('the head of the unit returns a drafted answer on a complaint, then approves the revision; only then it leaves', async () => {
    const { caseId } = await w.submit('00004', {
      title: 'Khiếu nại việc thu hồi giấy phép kinh doanh',
      categoryCode: 'complaint',
      citizen: { name: 'Lý Thị Mai', email: 'ly.mai@example.test', phone: null, zaloIds: {} },
    });
    const officer = await browser();
    await login(officer, 'canbo.badinh@caunoi.local');
    await officer.goto(`${w.url}/admin/#/cases/${caseId}/show`);
    await act(officer, 'Thụ lý');
    await act(officer, 'Trả lời', { field: 'answer', value: 'Giữ nguyên quyết định thu hồi giấy phép.' });
    await officer.getByText('Chờ lãnh đạo duyệt').first().waitFor();

    const head = await browser();
    await login(head, 'truong.badinh@caunoi.local');
    await head.goto(`${w.url}/admin/#/cases/${caseId}/show`);
    await head.getByRole('button', { name: 'Trả lại dự thảo', exact: true }).click();
    const dialog = head.getByRole('dialog');
    await dialog.getByLabel('Cần sửa gì').fill('Nêu căn cứ pháp lý của việc thu hồi.');
    await dialog.getByRole('button', { name: 'Trả lại dự thảo' }).click();
    await dialog.waitFor({ state: 'detached' });

    await officer.reload();
    await act(officer, 'Trả lời', {
      field: 'answer',
      value: 'Căn cứ Nghị định 01/2021, quyết định thu hồi được giữ nguyên.',
    });
    await head.reload();
    await head.getByText('dự thảo, chờ lãnh đạo duyệt').first().waitFor();
    await shot(head, '07b-approve-answer');
    await act(head, 'Duyệt và gửi trả lời');
    await head.getByText('Đã trả lời').first().waitFor();
    await w.t.server.jobs.drain();
    const mail = (await (await fetch(`${w.url}/api/dev/mail?to=ly.mai@example.test`)).json()) as Array<{
      text: string;
    }>;
    const answers = mail.filter((m) => m.text.includes('quyết định thu hồi'));
    expect(answers).toHaveLength(1);
    expect(answers[0]!.text).toContain('Căn cứ Nghị định 01/2021');
    expect(await accessibilityProblems(head, 'approved case')).toEqual([]);
  });

  it('a citizen typing a title on the portal sees similar open cases of their ward first, titles and status only', async () => {
    await w.submit('00004', { title: 'Nắp cống vỡ trước chợ Ngọc Hà', communeCode: '00004', provinceCode: '01' });
    const citizen = await browser();
    await citizen.goto(`${w.url}/`);
    await citizen.getByLabel(/^Tỉnh, thành phố/).selectOption('01');
    await citizen.locator('#communeCode option[value="00004"]').waitFor({ state: 'attached' });
    await citizen.getByLabel(/^Xã, phường/).selectOption('00004');
    await citizen.getByLabel(/^Tiêu đề/).fill('nap cong vo truoc cho ngoc ha');
    const similar = citizen.locator('#similar');
    await similar.getByText(/Nắp cống vỡ trước chợ Ngọc Hà \(Đã chuyển đơn vị xử lý/).waitFor();
    await shot(citizen, '02b-portal-similar');
    expect(await similar.innerText()).toContain('Có thể việc này đã có người phản ánh');
    // The citizen supports it instead of filing it again, and follows it by email.
    await citizen.getByLabel(/^Thư điện tử/).fill('minh@example.test');
    await citizen.locator('#consent').check();
    await similar.getByRole('button', { name: 'Tôi cũng gặp việc này' }).click();
    await similar
      .getByRole('status')
      .getByText(/Đã ghi nhận ông\/bà cùng phản ánh.*sẽ nhận thư/)
      .waitFor();
    const [row] = await w.sql(
      `select c.support_count, s.email from case_file c join case_supporter s on s.case_id = c.id where c.title = $1`,
      ['Nắp cống vỡ trước chợ Ngọc Hà'],
    );
    expect(row).toEqual({ support_count: 2, email: 'minh@example.test' });
  });

  it('the Government Office sees an emerging concern on its own screen, with its daily counts, and names it', async () => {
    for (const [title, provinceCode] of [
      ['Học phí trường công tăng gấp đôi năm nay', '01'],
      ['hoc phi truong cong tang gap doi nam nay', '79'],
      ['Học phí trường công tăng gấp đôi, phụ huynh khó khăn', '48'],
    ] as const)
      expect(
        (
          await w.api(null, 'POST', '/api/public/submissions', {
            title,
            body: 'Học phí năm học mới của trường công tăng gấp đôi so với năm ngoái, đề nghị xem xét.',
            provinceCode,
          })
        ).status,
      ).toBe(201);
    const director = await w.login('theodoi.vpcp@caunoi.local');
    for (let i = 0; i < 200; i += 1) {
      const list = (await w.api(director, 'GET', '/api/reports/concerns')).body as Array<{ size: number }>;
      if (list.some((c) => c.size >= 3)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const page = await browser();
    await login(page, 'theodoi.vpcp@caunoi.local');
    await page.getByRole('menuitem', { name: 'Vấn đề nổi lên' }).click();
    const concern = page.getByRole('region', { name: 'Học phí trường công tăng gấp đôi năm nay' });
    await concern.getByText(/3 trong 24 giờ qua/).waitFor();
    await concern.getByRole('img', { name: 'Số phản ánh mỗi ngày trong 14 ngày qua' }).waitFor();
    await shot(page, '09b-emerging-concerns');
    await concern.getByRole('button', { name: 'Đặt tên, giao đơn vị chủ trì' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tên vấn đề').fill('Học phí trường công năm học mới');
    await dialog.getByLabel('Đơn vị chủ trì').fill('BGDDT');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('heading', { name: 'Học phí trường công năm học mới' }).waitFor();

    // The alert thresholds are set on the same screen; a refused value is named beside its field.
    await page.getByText(/Cảnh báo khi có từ 20 phản ánh trong 24 giờ, từ 3 tỉnh/).waitFor();
    await page.getByRole('button', { name: 'Ngưỡng cảnh báo' }).click();
    const rule = page.getByRole('dialog');
    await rule.getByLabel('Số phản ánh tối thiểu').fill('1');
    await rule.getByRole('button', { name: 'Lưu' }).click();
    // The server's refusal arrives, and the field it names is marked.
    await rule.locator('input[aria-invalid="true"]').first().waitFor();
    expect(await rule.getByLabel('Số phản ánh tối thiểu').getAttribute('aria-invalid')).toBe('true');
    await rule.getByLabel('Số phản ánh tối thiểu').fill('12');
    await rule.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText(/Cảnh báo khi có từ 12 phản ánh trong 24 giờ/).waitFor();
    const [saved] = await w.sql('select min_cases from concern_surge_rule');
    expect(saved.min_cases).toBe(12);
    await w.sql('update concern_surge_rule set min_cases = 20');
    // The confirmation is read once it has faded in (axe measures a half-transparent one).
    await page.getByText('Đã lưu ngưỡng cảnh báo').waitFor();
    await page.waitForTimeout(500);
    expect(await accessibilityProblems(page, 'emerging concerns')).toEqual([]);
  });

  it('an officer sees the suggested category with its words and accepts it in one click; the case is routed', async () => {
    const admin = await w.login('admin@caunoi.local');
    expect((await w.api(admin, 'POST', '/api/admin/triage/train')).status).toBe(201);
    // Routing by suggestion off for this category: the officer decides.
    await w.sql(`update category set suggestion_threshold = 1 where code = 'road-traffic'`);
    const submitted = await w.api(null, 'POST', '/api/public/submissions', {
      title: 'Ổ gà giữa đường',
      body: 'Đường trước chợ Phường Ba Đình có ổ gà rất to, xe máy ngã liên tục mấy hôm nay.',
      communeCode: '00004',
    });
    expect(submitted.status).toBe(201);
    const [{ id: caseId }] = await w.sql<{ id: number }>('select id from case_file where tracking_code = $1', [
      submitted.body.trackingCode,
    ]);
    for (let i = 0; i < 200; i += 1) {
      const [event] = await w.sql(`select 1 from case_event where case_id = $1 and type = 'CATEGORY_SUGGESTED'`, [
        caseId,
      ]);
      if (event) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const page = await browser();
    await login(page, 'canbo.badinh@caunoi.local');
    await page.goto(`${w.url}/admin/#/cases/${caseId}/show`);
    const panel = page.getByRole('region', { name: 'Gợi ý phân loại' });
    await panel.getByText(/Giao thông, đường sá — độ tin cậy \d+%/).waitFor();
    await panel.getByText(/^Căn cứ vào các từ: \p{L}/u).waitFor();
    await shot(page, '07b-suggestion');
    await panel.getByRole('button', { name: 'Chấp nhận gợi ý' }).click();
    await page.getByText('Đã chuyển đơn vị', { exact: true }).first().waitFor({ timeout: 15_000 });
    const [row] = await w.sql(
      'select c.status, cat.code from case_file c join category cat on cat.id = c.category_id where c.id = $1',
      [caseId],
    );
    expect(row).toEqual({ status: 'routed', code: 'road-traffic' });
    await w.sql(`update category set suggestion_threshold = 0.9 where code = 'road-traffic'`);
  });

  it('the Government Office dashboard shows the numbers of /api/reports/escalations, and English relabels everything', async () => {
    const token = await w.login('theodoi.vpcp@caunoi.local');
    const report = await w.api(token, 'GET', '/api/reports/escalations?level=province');
    const page = await browser();
    await login(page, 'theodoi.vpcp@caunoi.local');
    await page.getByRole('menuitem', { name: 'Tổng quan' }).click();
    await page.getByTestId('kpi-received').waitFor();
    const vi = new Intl.NumberFormat('vi-VN');
    expect(await page.getByTestId('kpi-received').innerText()).toBe(vi.format(report.body.total.received));
    expect(await page.getByTestId('kpi-open').innerText()).toBe(vi.format(report.body.total.open));
    expect(await page.getByTestId('kpi-overdue').innerText()).toBe(vi.format(report.body.total.overdueNow));
    await shot(page, '08-dashboard-vi');

    await page.getByRole('button', { name: /Tiếng Việt/i }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'National overview', level: 1 }).waitFor();
    await page.getByRole('menuitem', { name: 'Cases' }).click();
    await page.locator('input[name="q"]').waitFor();
    await shot(page, '09-cases-en');
    await page.getByText('Tracking code', { exact: true }).waitFor();
    await shot(page, '09-cases-en');
  });

  it('an administrator walks the unit tree and reads the SLA rules and the calendar', async () => {
    const page = await browser();
    await login(page, 'admin@caunoi.local');
    await page.getByRole('menuitem', { name: 'Đơn vị' }).click();
    await page.getByRole('cell', { name: 'Thành phố Hà Nội' }).waitFor();
    await page
      .getByRole('row', { name: /Thành phố Hà Nội/ })
      .getByRole('button', { name: '2 đơn vị trực thuộc' })
      .click();
    await page.getByRole('cell', { name: 'Phường Ngọc Hà' }).waitFor();
    await shot(page, '10-admin-units');
    await page.getByRole('menuitem', { name: 'Thời hạn (SLA)' }).click();
    await page.getByText('Căn cứ', { exact: true }).waitFor();
    await shot(page, '11-admin-sla-rules');
    await page.getByRole('menuitem', { name: 'Lịch làm việc' }).click();
    await page.getByText('Năm', { exact: true }).first().waitFor();
    await shot(page, '12-admin-calendar');
    // The administrator confirms a yearly holiday against the Prime Minister's notice.
    const [day] = await w.sql(
      `select date::text as date from calendar_day where not verified and extract(year from date) = extract(year from now()) order by date limit 1`,
    );
    await page.getByRole('cell', { name: day.date, exact: true }).click();
    // The form is filled from the server first; a toggle clicked before that would be reset.
    await expect.poll(() => page.locator('input[name="name"]').inputValue(), { timeout: 15_000 }).not.toBe('');
    await page
      .getByText('Đã đối chiếu', { exact: true })
      .click({ timeout: 10_000 })
      .catch(async (error: unknown) => {
        await shot(page, '12-failed-calendar-edit');
        throw error;
      });
    await page.locator('input[name="verified"]:checked').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã cập nhật').waitFor();
    expect((await w.sql('select verified from calendar_day where date::text = $1', [day.date]))[0].verified).toBe(true);
    await page.getByRole('menuitem', { name: 'Tin đến lỗi' }).click();
    await page.waitForURL(/#\/inbound/);
    await page.getByRole('progressbar').waitFor({ state: 'detached' });
    await shot(page, '13-admin-inbound-queue');
  });

  it("an administrator issues an agency's API key, sees it once, and the key works", async () => {
    const page = await browser();
    await login(page, 'admin@caunoi.local');
    await page.getByRole('menuitem', { name: 'Khoá API của cơ quan' }).click();
    await page.waitForURL(/#\/api-clients/);
    await page
      .getByRole('link', { name: /Tạo|Thêm/ })
      .first()
      .click();
    await page.locator('input[name="name"]').fill('Cổng iHanoi');
    await page.locator('input[name="unitCode"]').fill('Hà Nội');
    await page
      .getByRole('option', { name: /Thành phố Hà Nội/ })
      .first()
      .click();
    await shot(page, '14-admin-api-key-form');
    await page.getByLabel('Quyền').click();
    await page.getByRole('option', { name: 'Gửi thay người dân' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Lưu' }).click();
    const key = (await page.getByTestId('api-key').textContent({ timeout: 15_000 }))!.trim();
    expect(key).toMatch(/^cn_/);
    await page.waitForTimeout(400); // the dialog's fade-in, for the screenshot
    await shot(page, '14-admin-api-key-once');
    await page.getByRole('button', { name: /Đóng/ }).click();
    await page.getByRole('cell', { name: 'Cổng iHanoi' }).waitFor();
    const res = await fetch(`${w.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-api-key': key },
      body: new URLSearchParams({
        service_code: 'road-traffic',
        address_id: '00004',
        description: 'Nắp cống vỡ trước số 3',
      }),
    });
    expect(res.status).toBe(200);
  });

  it('the Government Office urges several open cases at once from the list', async () => {
    const a = await w.submit('00004', { title: 'Rác thải ở ngõ chợ Ngọc Hà' });
    const b = await w.submit('00008', { title: 'Nước thải tràn ra đường Hoàng Hoa Thám' });
    const page = await browser();
    await login(page, 'theodoi.vpcp@caunoi.local');
    await openCases(page);
    for (const title of ['Rác thải ở ngõ chợ Ngọc Hà', 'Nước thải tràn ra đường Hoàng Hoa Thám']) {
      await page
        .getByRole('row', { name: new RegExp(title) })
        .getByRole('checkbox')
        .check();
    }
    await page.getByRole('button', { name: 'Đôn đốc' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('textarea[name="note"]').fill('Đề nghị xử lý trước ngày 30/11.');
    await dialog.getByRole('button', { name: 'Đôn đốc' }).click();
    await page.getByText(/Đã thực hiện 2 hồ sơ; 0 hồ sơ/).waitFor();
    await shot(page, '14-bulk-urge');
    const events = await w.sql(`select case_id from case_event where type = 'URGED' and case_id = any($1::int[])`, [
      [a.caseId, b.caseId],
    ]);
    expect(events.map((e) => e.case_id).sort()).toEqual([a.caseId, b.caseId].sort());
  });

  it('says "more than" when a list has more matches than the server counts', async () => {
    for (let i = 0; i < 6; i += 1) await w.submit('00004', { title: `Phản ánh số ${i + 1} về chiếu sáng` });
    const token = await w.login('theodoi.vpcp@caunoi.local');
    const api = await w.api(token, 'GET', '/api/cases');
    expect(api.headers.get('x-total-exact')).toBe('false');
    const page = await browser();
    await login(page, 'theodoi.vpcp@caunoi.local');
    await openCases(page);
    // Every case on the page is counted in the range, and the total says there are more.
    await page.getByRole('cell', { name: 'Phản ánh số 6 về chiếu sáng' }).waitFor();
    const shown = await page.locator('tbody tr').count();
    expect(shown).toBeGreaterThan(5);
    await page.getByText(`1-${shown} / hơn 5`, { exact: true }).waitFor();
    await shot(page, '18-case-list-more-than');
  });

  it('the head reviews the masked texts beside the originals and publishes; the register shows the answer, axe clean, without JavaScript too', async () => {
    const { caseId } = await w.submit('00004', {
      title: 'Rác thải tồn đọng ở ngõ 18 Linh Lang',
      body: 'Tôi là Trịnh Văn Khải, số nhà 18. Rác không được thu gom cả tuần. Số điện thoại của tôi 0903 111 222.',
      citizen: { name: 'Trịnh Văn Khải', email: 'khai.trinh@example.test', phone: '0903111222', zaloIds: {} },
      publicationConsent: true,
    });
    const officerToken = await w.login('canbo.badinh@caunoi.local');
    for (const body of [
      { type: 'accept' },
      { type: 'respond', answer: 'Ngày 4/12 tổ vệ sinh đã thu gom hết rác ở ngõ 18.' },
    ]) {
      const now = (await w.api(officerToken, 'GET', `/api/cases/${caseId}`)).body;
      expect(
        (await w.api(officerToken, 'POST', `/api/cases/${caseId}/transitions`, { ...body, version: now.version }))
          .status,
      ).toBe(200);
    }
    const head = await browser();
    await login(head, 'truong.badinh@caunoi.local');
    await head.goto(`${w.url}/admin/#/cases/${caseId}/show`);
    await head.getByRole('button', { name: 'Xem lại và công khai' }).click();
    const dialog = head.getByRole('dialog');
    // Side by side: the original as written, and what will be published, masked.
    await expect.poll(() => dialog.getByTestId('original-question').innerText()).toContain('0903 111 222');
    const masked = dialog.getByTestId('masked-question');
    expect(await masked.inputValue()).toContain('[số điện thoại]');
    expect(await masked.inputValue()).not.toContain('Trịnh Văn Khải');
    // Read once the dialog has faded in (axe measures a half-transparent one).
    await head.waitForTimeout(500);
    await shot(head, '12-publication-review');
    expect(await accessibilityProblems(head, 'publication review')).toEqual([]);
    // A number typed back in is refused, beside its field.
    const answer = dialog.getByTestId('masked-answer');
    const reviewed = await answer.inputValue();
    await answer.fill(`${reviewed} Liên hệ 0903 111 222.`);
    await dialog.getByRole('button', { name: 'Công khai', exact: true }).click();
    await dialog.getByText(/still contains \[số điện thoại\]/).waitFor();
    await answer.fill(reviewed);
    await dialog.getByRole('button', { name: 'Công khai', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await head.getByText('Đã công khai tại').waitFor();

    const citizen = await browser();
    await citizen.goto(`${w.url}/cong-khai`);
    await citizen.getByRole('link', { name: 'Rác thải tồn đọng ở ngõ 18 Linh Lang' }).waitFor();
    const problems = await accessibilityProblems(citizen, 'register list');
    await citizen.getByRole('link', { name: 'Rác thải tồn đọng ở ngõ 18 Linh Lang' }).click();
    await citizen.getByText('Ngày 4/12 tổ vệ sinh đã thu gom hết rác ở ngõ 18.').waitFor();
    expect(await citizen.content()).not.toContain('Trịnh Văn Khải');
    problems.push(...(await accessibilityProblems(citizen, 'register entry')));
    await citizen.goto(`${w.url}/cong-khai/so-lieu?donvi=01`);
    await citizen.getByRole('rowheader', { name: 'Phường Ba Đình' }).waitFor();
    problems.push(...(await accessibilityProblems(citizen, 'register figures')));
    await shot(citizen, '13-register-figures');
    expect(problems).toEqual([]);

    // Without JavaScript: the search is a plain form, and its pages are links.
    const context = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    try {
      const noScript = await (await context.newContext({ javaScriptEnabled: false })).newPage();
      await noScript.goto(`${w.url}/cong-khai`);
      await noScript.getByLabel('Từ khóa').fill('thu gom rac');
      await noScript.getByRole('button', { name: 'Tìm' }).click();
      await noScript.getByRole('link', { name: 'Rác thải tồn đọng ở ngõ 18 Linh Lang' }).waitFor();
      expect(noScript.url()).toContain('q=thu+gom+rac');
    } finally {
      await context.close();
    }
  });

  it('an officer attaches the signed document to the answer; the citizen downloads it from the status page', async () => {
    const { caseId, trackingCode, accessKey } = await w.submit('00004', {
      title: 'Biển báo giao thông bị đổ ở ngã ba',
    });
    const officer = await browser();
    await login(officer, 'canbo.badinh@caunoi.local');
    await officer.goto(`${w.url}/admin/#/cases/${caseId}/show`);
    await act(officer, 'Thụ lý');
    await officer.getByRole('button', { name: 'Trả lời', exact: true }).click();
    const dialog = officer.getByRole('dialog');
    await dialog.locator('textarea[name="answer"]').fill('Đã dựng lại biển báo; công văn kèm theo.');
    await dialog.getByTestId('answer-files').setInputFiles({
      name: 'cong-van-45.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
    });
    await dialog.getByText(/cong-van-45\.pdf \(\d+ kB\)/).waitFor();
    expect(await accessibilityProblems(officer, 'answer with a file')).toEqual([]);
    await dialog.getByRole('button', { name: 'Trả lời' }).click();
    await dialog.waitFor({ state: 'detached' });
    await officer.getByText('Đã trả lời').first().waitFor();

    const citizen = await browser();
    await citizen.goto(`${w.url}/track?code=${trackingCode}&key=${accessKey}`);
    const [download] = await Promise.all([
      citizen.waitForEvent('download'),
      citizen.getByRole('link', { name: 'cong-van-45.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('cong-van-45.pdf');
  });

  it('ran every page above within its Content-Security-Policy', () => {
    expect(cspViolations).toEqual([]);
  });
});
