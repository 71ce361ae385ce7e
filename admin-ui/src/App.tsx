import { lazy } from 'react';
import { Admin, Resource } from 'react-admin';
import { CaseList } from './cases/CaseList';
import { CaseShow } from './cases/CaseShow';
import { i18nProvider } from './i18n/i18n-provider';
import { canWorkIntakeQueue } from '@caunoi/workflows/access';
import { authProvider, currentOfficer } from './providers/auth-provider';
import { dataProvider } from './providers/data-provider';
import { InboundList, OutboxList } from './queues/QueueLists';
import {
  CalendarDayCreate,
  CalendarDayEdit,
  CategoryEdit,
  SlaRuleEdit,
  UserCreate,
  UserEdit,
  ZaloOaCreate,
  ZaloOaEdit,
} from './queues/ReferenceForms';
import { ApiClientCreate, ApiClientList } from './queues/ApiClients';
import { CalendarDayList, CategoryList, OrgUnitList, SlaRuleList, UserList, ZaloOaList } from './queues/ReferenceLists';
import { AppLayout } from './layout/AppLayout';
import { ConcernList } from './concerns/ConcernList';
import TrendingUp from '@mui/icons-material/TrendingUp';
import { darkTheme, lightTheme } from './layout/theme';

// The dashboard (and its chart library) loads only when opened.
const Dashboard = lazy(() => import('./dashboard/Dashboard'));

// No `requireAuth`: with it, a cold load without a session bounced between react-admin's
// LogoutOnMount and the login route ~2,000 times (11–19 s) before the form appeared. Every page
// still checks the session (react-admin's list/show/dashboard guards) and the API enforces it.
export function App() {
  return (
    <Admin
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      dashboard={Dashboard}
      layout={AppLayout}
      theme={lightTheme}
      darkTheme={darkTheme}
      title="CauNoi"
      disableTelemetry
    >
      {(role: string | null) => [
        <Resource key="cases" name="cases" list={CaseList} show={CaseShow} recordRepresentation="trackingCode" />,
        ...(canWorkIntakeQueue({ role: (role ?? 'officer') as never, unitCode: currentOfficer()?.unit.code ?? '' })
          ? [
              <Resource key="inbound" name="inbound" list={InboundList} />,
              <Resource key="outbox" name="outbox" list={OutboxList} />,
            ]
          : []),
        <Resource key="units" name="units" />,
        ...(role === 'govOffice' || role === 'admin'
          ? [<Resource key="concerns" name="concerns" list={ConcernList} icon={TrendingUp} />]
          : []),
        ...(role === 'admin'
          ? [
              <Resource key="org-units" name="org-units" list={OrgUnitList} />,
              <Resource key="categories" name="categories" list={CategoryList} edit={CategoryEdit} />,
              <Resource key="sla-rules" name="sla-rules" list={SlaRuleList} edit={SlaRuleEdit} />,
              <Resource
                key="calendar-days"
                name="calendar-days"
                list={CalendarDayList}
                edit={CalendarDayEdit}
                create={CalendarDayCreate}
              />,
              <Resource key="users" name="users" list={UserList} edit={UserEdit} create={UserCreate} />,
              <Resource key="zalo-oas" name="zalo-oas" list={ZaloOaList} edit={ZaloOaEdit} create={ZaloOaCreate} />,
              <Resource key="api-clients" name="api-clients" list={ApiClientList} create={ApiClientCreate} />,
            ]
          : []),
      ]}
    </Admin>
  );
}
