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
    const res = await page('/submit', {
      method: 'POST',
      body: form({
        title: 'Đèn',
        body: 'Rất tối',
        email: 'không phải email',
        submissionToken: tokenOf(blank.html),
        language: 'vi',
      }),
    });
    expect(res.status).toBe(400);
    expect(res.html).toContain('id="error-summary"');
    expect(res.html).toMatch(/<p class="error" id="title-error">/);
    expect(res.html).toMatch(/id="title" name="title" value="Đèn"[^>]*aria-invalid="true"/);
    expect(res.html).toContain('id="email-error"');
    expect(res.html).toContain('Rất tối</textarea>');
  });

  it('registers a submission, shows the codes once, and a double click is still one case', async () => {
    const blank = await page('/');
    const fields = {
      title: 'Cây đổ chắn lối đi',
      body: 'Cây phượng trước trường tiểu học đổ sau mưa, chắn hết lối đi.',
      provinceCode: '01',
      communeCode: '00004',
      categoryCode: 'road-traffic',
      submissionToken: tokenOf(blank.html),
      language: 'vi',
    };
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

    const reply = await page('/track/reply?lang=vi', {
      method: 'POST',
      body: form({ code, key, action: 'message', message: 'Thêm: cành cây còn vướng dây điện.' }),
    });
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
    const res = await page('/submit', {
      method: 'POST',
      body: form({ title: '<img src=x onerror=alert(1)>', body: 'x', submissionToken: tokenOf(blank.html) }),
    });
    expect(res.html).not.toContain('<img src=x');
    expect(res.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('says every error on the Vietnamese form in Vietnamese, and on the English form in English', async () => {
    const blank = await page('/');
    const fields = {
      title: 'Đèn',
      body: 'Rất tối',
      email: 'không phải email',
      name: 'Lê Văn Cường',
      submissionToken: tokenOf(blank.html),
      language: 'vi',
    };
    const vi = await page('/submit?lang=vi', { method: 'POST', body: form(fields) });
    expect(vi.status).toBe(400);
    expect(vi.html).toContain('Tiêu đề cần ít nhất 5 ký tự.');
    expect(vi.html).toContain('Nội dung cần ít nhất 10 ký tự');
    expect(vi.html).toContain('Địa chỉ thư điện tử chưa đúng');
    expect(vi.html).toContain('Nghị định 13/2023/NĐ-CP'); // contact data without consent
    for (const english of ['at least', 'not an email', 'agree to the processing'])
      expect(vi.html).not.toContain(english);

    const en = await page('/submit?lang=en', {
      method: 'POST',
      body: form({ ...fields, submissionToken: tokenOf((await page('/?lang=en')).html) }),
    });
    expect(en.html).toContain('at least 5 characters');
    expect(en.html).toContain('agree to the processing of your contact data');
    expect(en.html).not.toContain('Tiêu đề cần');
  });

  it('names a refused attachment in Vietnamese beside the attachments field', async () => {
    const blank = await page('/');
    const data = form({
      title: 'Ảnh hiện trường',
      body: 'Gửi kèm ảnh rác thải ở đầu ngõ 7 phố Đội Cấn.',
      submissionToken: tokenOf(blank.html),
      language: 'vi',
    });
    data.append(
      'attachments',
      new Blob([Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64), Buffer.from('PE\0\0'), Buffer.alloc(200, 1)])], {
        type: 'application/pdf',
      }),
      'bien-ban.pdf',
    );
    const res = await page('/submit?lang=vi', { method: 'POST', body: data });
    expect(res.status).toBe(400);
    expect(res.html).toMatch(/id="attachments-error">[^<]*Tệp bien-ban\.pdf[^<]*không được chấp nhận/);
  });

  it('shows the expected answer date the Vietnamese way and names the agency that runs the portal', async () => {
    const blank = await page('/');
    const res = await page('/submit?lang=vi', {
      method: 'POST',
      body: form({
        title: 'Nắp cống bị vỡ',
        body: 'Nắp cống trước số 15 Kim Mã bị vỡ, rất nguy hiểm cho người đi bộ.',
        provinceCode: '01',
        communeCode: '00004',
        categoryCode: 'road-traffic',
        submissionToken: tokenOf(blank.html),
        language: 'vi',
      }),
    });
    expect(res.status).toBe(200);
    expect(res.html).toMatch(/Dự kiến trả lời chậm nhất<\/dt><dd>\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}<\/dd>/);
    expect(res.html).toContain('Văn phòng Chính phủ');
    const code = /class="code">(CN\.\d{8}\.\d{5})</.exec(res.html)![1]!;
    const [kase] = await w.sql(`select expected_answer_at, accept_due_at from case_file where tracking_code = $1`, [
      code,
    ]);
    // Accepted at the latest on its deadline, then the whole resolve period: never before the acceptance deadline.
    expect(new Date(kase.expected_answer_at).getTime()).toBeGreaterThan(new Date(kase.accept_due_at).getTime());
  });

  it('answers a rate-limited or too-large form post with the form page and the reason, never JSON', async () => {
    const limited = await startWorld(serverUrl, { PUBLIC_RATE_LIMIT: '1' });
    try {
      const post = () =>
        fetch(`${limited.url}/submit?lang=vi`, {
          method: 'POST',
          body: form({ title: 'Một phản ánh', body: 'Nội dung phản ánh đủ dài để gửi.' }),
          headers: { accept: 'text/html' },
        });
      await post();
      const second = await post();
      expect(second.status).toBe(429);
      expect(second.headers.get('content-type')).toContain('text/html');
      expect(second.headers.get('retry-after')).toBe('60');
      const html = await second.text();
      expect(html).toContain('Có quá nhiều lượt gửi');
      expect(html).toContain('<form method="post" action="/submit?lang=vi"');
    } finally {
      await limited.stop();
    }
    const big = await fetch(`${w.url}/submit?lang=en`, {
      method: 'POST',
      body: Buffer.alloc(27 * 1024 * 1024, 0x61),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('What you sent is too large');
  });

  it('answers an unknown page with the portal’s own 404 page, and an unknown API route with JSON', async () => {
    const missing = await fetch(`${w.url}/khong-co-trang-nay`, { headers: { accept: 'text/html' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('text/html');
    const html = await missing.text();
    expect(html).toContain('Không tìm thấy trang');
    expect(html).toContain('href="/track?lang=vi"');
    const api = await fetch(`${w.url}/api/khong-co`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    const badJson = await fetch(`${w.url}/api/auth/login`, {
      method: 'POST',
      body: '{oops',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
  });

  it('keeps the access key in the address of a status page from leaking as a referrer', async () => {
    const res = await fetch(`${w.url}/track?code=CN.20261201.00001&key=ABCDEFGHJK`);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    // helmet's headers everywhere, the admin UI's policy allowing no inline script.
    const admin = await fetch(`${w.url}/admin/`);
    expect(admin.headers.get('x-content-type-options')).toBe('nosniff');
    expect(admin.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(admin.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
