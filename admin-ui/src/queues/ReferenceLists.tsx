import { Button } from '@mui/material';
import { BooleanField, Datagrid, List, NumberField, SearchInput, SelectInput, TextField, TextInput, useListContext, useRecordContext, useTranslate } from 'react-admin';
import { LocalDateField } from '../cases/LocalDateField';

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
    <List resource="org-units" filters={[<SearchInput key="q" source="q" alwaysOn />, <TextInput key="parentCode" source="parentCode" alwaysOn />]} filterDefaultValues={{ parentCode: 'VPCP' }} perPage={50} exporter={false}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="code" />
        <TextField source="nameVi" />
        <TextField source="level" />
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
        <TextField source="legalTrack" />
        <TextField source="sector" />
        <TextField source="responsibleUnit" />
        <TextField source="defaultLevel" />
        <BooleanField source="active" />
      </Datagrid>
    </List>
  );
}

export function SlaRuleList() {
  return (
    <List resource="sla-rules" perPage={50} exporter={false} filters={[<SelectInput key="clock" source="clock" choices={['acknowledge', 'transfer', 'accept', 'resolve', 'citizenReply'].map((c) => ({ id: c, name: c }))} />]}>
      <Datagrid bulkActionButtons={false} rowClick="edit">
        <TextField source="code" />
        <TextField source="legalTrack" />
        <TextField source="category" />
        <TextField source="clock" />
        <NumberField source="amount" />
        <TextField source="unit" />
        <NumberField source="remoteAreaAmount" />
        <NumberField source="maxExtensions" />
        <TextField source="effectiveFrom" />
        <TextField source="effectiveTo" />
        <BooleanField source="verified" />
        <TextField source="source" />
      </Datagrid>
    </List>
  );
}

export function CalendarDayList() {
  return (
    <List resource="calendar-days" perPage={100} filters={[<TextInput key="year" source="year" alwaysOn />]} filterDefaultValues={{ year: String(new Date().getFullYear()) }}>
      <Datagrid bulkActionButtons={false} rowClick="edit">
        <TextField source="date" />
        <TextField source="kind" />
        <TextField source="name" />
        <BooleanField source="active" />
        <BooleanField source="verified" />
        <TextField source="source" />
      </Datagrid>
    </List>
  );
}

export function UserList() {
  return (
    <List resource="users" perPage={50}>
      <Datagrid bulkActionButtons={false} rowClick="edit">
        <TextField source="name" />
        <TextField source="email" />
        <TextField source="role" />
        <TextField source="unitName" />
        <BooleanField source="active" />
        <LocalDateField source="lastLoginAt" />
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
