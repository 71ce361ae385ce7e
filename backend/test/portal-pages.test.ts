import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type World, startWorld } from './world';

const serverUrl = inject('databaseServerUrl');

describe('the citizen portal pages work without JavaScript', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld(serverUrl);
  });
  afterAll(() => w?.stop());

  const page = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${w.url}${path}`, { redirect: 'manual', ...init });
    return { status: res.status, html: await res.text(), location: res.headers.get('location') };
  };
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    return data;
  };
  const tokenOf = (html: string) => /name="submissionToken" value="([^"]+)"/.exec(html)![1]!;

  it('offers a labelled form in Vietnamese, with every province, and English on request', async () => {
    const vi = await page('/');
    expect(vi.status).toBe(200);
    expect(vi.html).toContain('<html lang="vi">');
    expect(vi.html).toContain('<label for="title">Tiêu đề');
    expect((vi.html.match(/<option value="\d{2}"/g) ?? []).length).toBe(34);
    expect(vi.html).toContain('href="#main"');
    const en = await page('/?lang=en');
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('<label for="title">Title');
    // Without JavaScript, choosing a province and pressing the button lists its communes.
    const hanoi = await page('/?provinceCode=01&title=Gi%E1%BB%AF');
    expect(hanoi.html).toContain('<option value="00004" >Phường Ba Đình</option>');
    expect(hanoi.html).toContain('value="Giữ"');
  });

  it('shows each error next to its field and in a summary, keeping what was typed', async () => {
    const blank = await page('/');
    const res = await page('/submit', { method: 'POST', body: form({ title: 'Đèn', body: 'Rất tối', email: 'không phải email', submissionToken: tokenOf(blank.html), language: 'vi' }) });
    expect(res.status).toBe(400);
    expect(res.html).toContain('id="error-summary"');
    expect(res.html).toMatch(/<p class="error" id="title-error">/);
    expect(res.html).toMatch(/id="title" name="title" value="Đèn"[^>]*aria-invalid="true"/);
    expect(res.html).toContain('id="email-error"');
    expect(res.html).toContain('Rất tối</textarea>');
  });

  it('registers a submission, shows the codes once, and a double click is still one case', async () => {
    const blank = await page('/');
    const fields = { title: 'Cây đổ chắn lối đi', body: 'Cây phượng trước trường tiểu học đổ sau mưa, chắn hết lối đi.', provinceCode: '01', communeCode: '00004', categoryCode: 'road-traffic', submissionToken: tokenOf(blank.html), language: 'vi' };
    const first = await page('/submit', { method: 'POST', body: form(fields) });
    const second = await page('/submit', { method: 'POST', body: form(fields) });
    expect(first.status).toBe(200);
    const code = /class="code">(CN\.\d{8}\.\d{5})</.exec(first.html)![1]!;
    const key = /class="code">([2-9A-Z]{10})</.exec(first.html)![1]!;
    expect(second.html).toContain(code);
    const [{ n }] = await w.sql(`select count(*)::int as n from case_file where title = 'Cây đổ chắn lối đi'`);
    expect(n).toBe(1);

    const status = await page(`/track?code=${code}&key=${key}`);
    expect(status.status).toBe(200);
    expect(status.html).toContain('Đã chuyển đơn vị xử lý');
    expect(status.html).toContain('Phường Ba Đình');

    const reply = await page('/track/reply?lang=vi', { method: 'POST', body: form({ code, key, action: 'message', message: 'Thêm: cành cây còn vướng dây điện.' }) });
    expect(reply.status).toBe(303);
    expect(reply.location).toContain(`code=${encodeURIComponent(code)}`);
    const after = await page(reply.location!);
    expect(after.html).toContain('Thêm: cành cây còn vướng dây điện.');

    const wrong = await page(`/track?code=${code}&key=WRONGKEY99`);
    expect(wrong.status).toBe(404);
    expect(wrong.html).toContain('Không tìm thấy hồ sơ');
  });

  it('escapes what citizens type', async () => {
    const blank = await page('/');
    const res = await page('/submit', { method: 'POST', body: form({ title: '<img src=x onerror=alert(1)>', body: 'x', submissionToken: tokenOf(blank.html) }) });
    expect(res.html).not.toContain('<img src=x');
    expect(res.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
