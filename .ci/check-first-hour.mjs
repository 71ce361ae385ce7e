// Checks a freshly started CauNoi over its public HTTP API, as a newcomer would try it.
const base = process.argv[2];
const fail = (message) => {
  console.error(`first hour: ${message}`);
  process.exit(1);
};
const json = async (path, init) => {
  const res = await fetch(`${base}${path}`, init);
  const body = await res.json().catch(() => null);
  return { status: res.status, body };
};

// The whole country: 34 provinces and 3,321 communes.
const reference = await json('/api/public/reference');
if (reference.body?.provinces?.length !== 34) fail(`expected 34 provinces, got ${reference.body?.provinces?.length}`);
let communes = 0;
for (const province of reference.body.provinces)
  communes += (await json(`/api/public/provinces/${province.code}/communes`)).body.length;
if (communes !== 3321) fail(`expected 3,321 communes, got ${communes}`);
console.log(`first hour: ${reference.body.provinces.length} provinces, ${communes} communes`);

// Every demo login works.
const accounts = (await json('/api/dev/demo-accounts')).body ?? [];
if (accounts.length < 9) fail(`expected the 9 demo logins, got ${accounts.length}`);
const tokens = {};
for (const a of accounts) {
  const login = await json('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: a.email, password: a.password }),
  });
  if (login.status !== 200) fail(`demo login ${a.email} answered ${login.status}`);
  tokens[a.email] = login.body.token;
}
console.log(`first hour: ${accounts.length} demo logins work`);

// A citizen writes on the portal; the case lands in Phường Ba Đình's queue.
const submitted = await json('/api/public/submissions', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    title: 'Đèn đường ngõ 5 Đội Cấn tắt',
    body: 'Ba cột đèn trên ngõ 5 phố Đội Cấn đã tắt hơn hai tuần, buổi tối rất nguy hiểm.',
    categoryCode: 'road-traffic',
    provinceCode: '01',
    communeCode: '00004',
  }),
});
if (submitted.status !== 201) fail(`portal submission answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
const officer = tokens['canbo.badinh@caunoi.local'];
if (!officer) fail('no demo officer for Phường Ba Đình');
const queue = await json(
  `/api/cases?filter=${encodeURIComponent(JSON.stringify({ q: submitted.body.trackingCode }))}`,
  { headers: { authorization: `Bearer ${officer}` } },
);
if (queue.body?.[0]?.trackingCode !== submitted.body.trackingCode || queue.body[0].owningUnit?.code !== '00004')
  fail(`${submitted.body.trackingCode} is not in Phường Ba Đình's queue: ${JSON.stringify(queue.body)}`);
console.log(`first hour: ${submitted.body.trackingCode} is in Phường Ba Đình's queue`);

// The pages a person opens answer.
for (const path of ['/', '/track', '/admin/']) {
  const res = await fetch(`${base}${path}`);
  if (res.status !== 200) fail(`${path} answered ${res.status}`);
}
console.log('first hour: the portal and the admin UI answer');
