import { Button } from '@mui/material';
import {
  BooleanField,
  Datagrid,
  List,
  NumberField,
  SearchInput,
  SelectInput,
  TextField,
  TextInput,
  useDataProvider,
  useListContext,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { CaseDataProvider } from '../providers/data-provider';
import { csvExporter } from '../providers/csv-exporter';
import { LocalDateField } from '../cases/LocalDateField';
import { EnumField } from './EnumField';
import { LegalSourceField, RuleCategoryField } from './LegalSourceField';

/** Walks the unit tree: a row's button lists the units below it (the filter keeps the way back). */
function ChildrenButton() {
  const record = useRecordContext<{ id: string; childCount: number }>();
  const { setFilters, filterValues } = useListContext();
  const translate = useTranslate();
  if (!record?.childCount) return null;
  return (
    <Button size="small" onClick={() => setFilters({ ...filterValues, parentCode: record.id, q: undefined }, {})}>
      {translate('caunoi.reference.below', { n: record.childCount })}
    </Button>
  );
}

export function OrgUnitList() {
  return (
    <List
      resource="org-units"
      filters={[
        <SearchInput key="q" source="q" alwaysOn />,
        <TextInput key="parentCode" source="parentCode" alwaysOn />,
      ]}
      filterDefaultValues={{ parentCode: 'VPCP' }}
      perPage={50}
      exporter={false}
    >
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="code" />
        <TextField source="nameVi" />
        <EnumField source="level" group="level" />
        <TextField source="kind" />
        <TextField source="parentCode" />
        <BooleanField source="isRemoteArea" />
        <ChildrenButton />
      </Datagrid>
    </List>
  );
}

export function CategoryList() {
  return (
    <List resource="categories" perPage={50} exporter={false}>
      <Datagrid bulkActionButtons={false} rowClick="edit">
        <TextField source="code" />
        <TextField source="nameVi" />
        <EnumField source="legalTrack" group="legalTrack" />
        <TextField source="sector" />
        <TextField source="responsibleUnit" />
        <EnumField source="defaultLevel" group="level" />
        <BooleanField source="active" />
      </Datagrid>
    </List>
  );
}

export function SlaRuleList() {
  return (
    <List
      resource="sla-rules"
      perPage={50}
      exporter={false}
      filters={[
        <SelectInput
          key="clock"
          source="clock"
          choices={['acknowledge', 'transfer', 'accept', 'resolve', 'citizenReply'].map((c) => ({
            id: c,
            name: `caunoi.case.clock.${c}`,
          }))}
        />,
      ]}
    >
      <Datagrid bulkActionButtons={false} rowClick="edit">
        <TextField source="code" />
        <EnumField source="legalTrack" group="legalTrack" />
        <RuleCategoryField source="category" />
        <EnumField source="clock" group="case.clock" />
        <NumberField source="amount" />
        <EnumField source="unit" group="periodUnit" />
        <NumberField source="remoteAreaAmount" />
        <NumberField source="maxExtensions" />
        <TextField source="effectiveFrom" />
        <TextField source="effectiveTo" />
        <BooleanField source="verified" />
        <LegalSourceField source="source" />
      </Datagrid>
    </List>
  );
}

export function CalendarDayList() {
  return (
    <List
      resource="calendar-days"
      perPage={100}
      exporter={csvExporter('calendar-days', ['date', 'kind', 'name', 'compensate', 'active', 'verified', 'source'])}
      filters={[<TextInput key="year" source="year" alwaysOn />]}
      filterDefaultValues={{ year: String(new Date().getFullYear()) }}
    >
      <Datagrid bulkActionButtons={false} rowClick="edit">
        <TextField source="date" />
        <EnumField source="kind" group="dayKind" />
        <TextField source="name" />
        <BooleanField source="active" />
        <BooleanField source="verified" />
        <LegalSourceField source="source" />
      </Datagrid>
    </List>
  );
}

/** An account a login lock holds (too many failed logins): the administrator lifts it here. */
function UnlockButton() {
  const record = useRecordContext<{ id: number; lockedUntil: string | null; failedLogins: number }>();
  const dataProvider = useDataProvider<CaseDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  if (!record?.lockedUntil || new Date(record.lockedUntil) <= new Date()) return null;
  return (
    <Button
      size="small"
      color="warning"
      onClick={async (e) => {
        e.stopPropagation();
        try {
          await dataProvider.unlockUser(record.id);
          notify('caunoi.users.unlocked', { type: 'success' });
        } catch (error) {
          notify((error as Error).message, { type: 'error' });
        }
        refresh();
      }}
    >
      {translate('caunoi.users.unlock', { n: record.failedLogins })}
    </Button>
  );
}

export function UserList() {
  return (
    <List
      resource="users"
      perPage={50}
      exporter={csvExporter('users', [
        'name',
        'email',
        'role',
        'unitCode',
        'unitName',
        'active',
        'lastLoginAt',
        'failedLogins',
        'lockedUntil',
      ])}
    >
      <Datagrid bulkActionButtons={false} rowClick="edit">
        <TextField source="name" />
        <TextField source="email" />
        <EnumField source="role" group="role" />
        <TextField source="unitName" />
        <BooleanField source="active" />
        <LocalDateField source="lastLoginAt" />
        <UnlockButton />
      </Datagrid>
    </List>
  );
}

export function ZaloOaList() {
  return (
    <List resource="zalo-oas" exporter={false}>
      <Datagrid bulkActionButtons={false} rowClick="edit">
        <TextField source="oaId" />
        <TextField source="name" />
        <TextField source="unitName" />
        <TextField source="appId" />
        <BooleanField source="authorised" />
        <LocalDateField source="tokenExpiresAt" />
        <BooleanField source="active" />
      </Datagrid>
    </List>
  );
}
