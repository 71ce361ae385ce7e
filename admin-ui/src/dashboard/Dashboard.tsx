import {
  Box,
  Button,
  Card,
  CardContent,
  Grid,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useDataProvider, useLocale, useTranslate } from 'react-admin';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { TDashboard, TEscalationReport } from '@caunoi/contract';
import type { CaseDataProvider } from '../providers/data-provider';
import { downloadWithToken } from '../providers/download';
import { currentOfficer } from '../providers/auth-provider';

/** Read by screen readers, not shown (the column of drill-down links needs a header). */
const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

function Kpi({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="overline" component="h2">
          {label}
        </Typography>
        <Typography variant="h4" component="p" data-testid={testId}>
          {value}
        </Typography>
      </CardContent>
    </Card>
  );
}

/**
 * The Government Office's view (and every unit's, for its own subtree): the same figures as
 * `/api/reports/escalations`, charts of SLA compliance by province or ministry, aging buckets,
 * escalation levels, the most overdue units with a drill-down to their cases, and the CSV.
 */
export default function Dashboard() {
  const translate = useTranslate();
  const locale = useLocale();
  const dataProvider = useDataProvider<CaseDataProvider>();
  const [report, setReport] = useState<TEscalationReport | null>(null);
  // The Government Office sees the country by province; a ministry, province or commune sees its
  // own unit and those below it, by unit (grouping a commune's cases "by province" says nothing).
  const officer = currentOfficer();
  const national = !officer || officer.unit.code === 'VPCP';
  const [level, setLevel] = useState<'province' | 'unit'>(national ? 'province' : 'unit');
  const title = national
    ? translate('caunoi.dashboard.title')
    : translate('caunoi.dashboard.unitTitle', { unit: officer.unit.name });
  const [trend, setTrend] = useState<Array<{ week: string; received: number; onTime: number | null }>>([]);
  // The summary and the eight-week trend (by receipt date) come in one request.
  useEffect(() => {
    void dataProvider.dashboard({ level, weeks: '8' }).then(({ data }) => {
      const dashboard = data as TDashboard;
      setReport(dashboard.summary);
      setTrend(
        dashboard.trend.map((w) => ({
          week: w.weekStart.slice(5, 10),
          received: w.received,
          onTime: w.onTimeRate === null ? null : Math.round(w.onTimeRate * 1000) / 10,
        })),
      );
    });
  }, [dataProvider, level]);
  const number = (n: number) => new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB').format(n);
  const percent = (r: number | null) =>
    r === null
      ? '—'
      : new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
          style: 'percent',
          maximumFractionDigits: 1,
        }).format(r);

  const downloadCsv = () =>
    downloadWithToken(
      `/api/reports/escalations.csv?level=${level}`,
      `caunoi-escalations-${new Date().toISOString().slice(0, 10)}.csv`,
    );

  if (!report) return <Title title={title} />;
  const t = report.total;
  const rows = [...report.rows].sort((a, b) => b.overdueNow - a.overdueNow);
  const chartRows = rows.slice(0, 20).map((r) => ({
    name: r.unit.name.replace(/^(Thành phố|Tỉnh|Bộ) /, ''),
    onTime: r.onTimeRate === null ? 0 : Math.round(r.onTimeRate * 1000) / 10,
    overdue: r.overdueNow,
  }));
  return (
    <Box sx={{ p: 2 }}>
      <Title title={title} />
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1">
          {title}
        </Typography>
        {national && (
          <ToggleButtonGroup
            size="small"
            exclusive
            value={level}
            onChange={(_e, v) => v && setLevel(v)}
            aria-label={translate('caunoi.dashboard.scope')}
          >
            <ToggleButton value="province">{translate('caunoi.dashboard.byProvince')}</ToggleButton>
            <ToggleButton value="unit">{translate('caunoi.dashboard.unit')}</ToggleButton>
          </ToggleButtonGroup>
        )}
        <Button variant="outlined" onClick={() => void downloadCsv()}>
          {translate('caunoi.dashboard.csv')}
        </Button>
      </Box>
      <Grid container spacing={2} sx={{ mb: 2 }}>
        <Grid size={{ xs: 6, md: 3 }}>
          <Kpi label={translate('caunoi.dashboard.received')} value={number(t.received)} testId="kpi-received" />
        </Grid>
        <Grid size={{ xs: 6, md: 3 }}>
          <Kpi label={translate('caunoi.dashboard.open')} value={number(t.open)} testId="kpi-open" />
        </Grid>
        <Grid size={{ xs: 6, md: 3 }}>
          <Kpi label={translate('caunoi.dashboard.overdue')} value={number(t.overdueNow)} testId="kpi-overdue" />
        </Grid>
        <Grid size={{ xs: 6, md: 3 }}>
          <Kpi label={translate('caunoi.dashboard.onTime')} value={percent(t.onTimeRate)} testId="kpi-on-time" />
        </Grid>
      </Grid>
      <Card variant="outlined" sx={{ mb: 2 }}>
        <CardContent>
          <Typography variant="h6" component="h2">
            {translate('caunoi.dashboard.trend')}
          </Typography>
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={trend}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="week" />
              <YAxis yAxisId="count" allowDecimals={false} />
              <YAxis yAxisId="rate" orientation="right" domain={[0, 100]} unit="%" />
              <Tooltip />
              <Legend />
              <Line yAxisId="count" dataKey="received" name={translate('caunoi.dashboard.received')} stroke="#0b57d0" />
              <Line
                yAxisId="rate"
                dataKey="onTime"
                name={translate('caunoi.dashboard.onTime')}
                stroke="#1e6b34"
                connectNulls
              />
            </LineChart>
          </ResponsiveContainer>
        </CardContent>
      </Card>
      <Grid container spacing={2} sx={{ mb: 2 }}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Card variant="outlined">
            <CardContent>
              <Typography variant="h6" component="h2">
                {translate('caunoi.dashboard.escalations')}
              </Typography>
              <ResponsiveContainer width="100%" height={220}>
                <BarChart
                  data={[1, 2, 3].map((n) => ({
                    name: translate('caunoi.dashboard.level', { n }),
                    value: t.escalations[`level${n}` as 'level1'],
                  }))}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="name" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Bar dataKey="value" name={translate('caunoi.dashboard.escalations')} fill="#b3261e" />
                </BarChart>
              </ResponsiveContainer>
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Card variant="outlined">
            <CardContent>
              <Typography variant="h6" component="h2">
                {translate('caunoi.dashboard.aging')}
              </Typography>
              <ResponsiveContainer width="100%" height={220}>
                <BarChart data={Object.entries(t.aging).map(([bucket, value]) => ({ name: bucket, value }))}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="name" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Bar dataKey="value" name={translate('caunoi.dashboard.overdue')} fill="#e08a00" />
                </BarChart>
              </ResponsiveContainer>
            </CardContent>
          </Card>
        </Grid>
      </Grid>
      <Card variant="outlined" sx={{ mb: 2 }}>
        <CardContent>
          <Typography variant="h6" component="h2">
            {translate('caunoi.dashboard.byUnit')}
          </Typography>
          <ResponsiveContainer width="100%" height={320}>
            <BarChart data={chartRows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" interval={0} angle={-35} textAnchor="end" height={90} />
              <YAxis yAxisId="rate" domain={[0, 100]} unit="%" />
              <YAxis yAxisId="count" orientation="right" allowDecimals={false} />
              <Tooltip />
              <Legend />
              <Bar yAxisId="rate" dataKey="onTime" name={translate('caunoi.dashboard.onTime')} fill="#1e6b34" />
              <Bar yAxisId="count" dataKey="overdue" name={translate('caunoi.dashboard.overdue')} fill="#b3261e" />
            </BarChart>
          </ResponsiveContainer>
        </CardContent>
      </Card>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6" component="h2">
            {translate('caunoi.dashboard.topOverdue')}
          </Typography>
          <Table size="small" aria-label={translate('caunoi.dashboard.topOverdue')}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('caunoi.dashboard.unit')}</TableCell>
                <TableCell align="right">{translate('caunoi.dashboard.received')}</TableCell>
                <TableCell align="right">{translate('caunoi.dashboard.open')}</TableCell>
                <TableCell align="right">{translate('caunoi.dashboard.overdue')}</TableCell>
                <TableCell align="right">{translate('caunoi.dashboard.onTime')}</TableCell>
                <TableCell>
                  <Box component="span" sx={visuallyHidden}>
                    {translate('caunoi.dashboard.cases')}
                  </Box>
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.slice(0, 15).map((r) => (
                <TableRow key={r.unit.code} data-testid={`unit-row-${r.unit.code}`}>
                  <TableCell>{r.unit.name}</TableCell>
                  <TableCell align="right">{number(r.received)}</TableCell>
                  <TableCell align="right">{number(r.open)}</TableCell>
                  <TableCell align="right">{number(r.overdueNow)}</TableCell>
                  <TableCell align="right">{percent(r.onTimeRate)}</TableCell>
                  <TableCell>
                    <Link
                      href={`#/cases?filter=${encodeURIComponent(JSON.stringify({ unitCode: r.unit.code, overdue: true }))}`}
                    >
                      {translate('caunoi.dashboard.cases')}
                    </Link>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </Box>
  );
}
