import { type Theme, useMediaQuery } from '@mui/material';
import { CASE_STATUSES, CHANNELS } from '@caunoi/workflows/domain';
import { useCategories } from './categories';
import {
  BooleanInput,
  Datagrid,
  ExportButton,
  FilterButton,
  List,
  SearchInput,
  SelectArrayInput,
  SelectInput,
  SimpleList,
  TextField,
  AutocompleteInput,
  ReferenceInput,
  useLocale,
  useRecordContext,
  TopToolbar,
  usePermissions,
  useTranslate,
  downloadCSV,
  type Exporter,
} from 'react-admin';
import type { TCaseListItem } from '@caunoi/contract';
import { CaseBulkActions } from './BulkActions';
import { caseListCsv } from './case-export';
import { CasePagination } from './CasePagination';
import { LocalDateField } from './LocalDateField';
import { EscalationBadge, SlaField, StatusField } from './sla';

/** The case's topic in the officer's language; "—" while triage has not set one. */
function CategoryField(_props: { label?: string }) {
  const record = useRecordContext<TCaseListItem>();
  const locale = useLocale();
  if (!record) return null;
  return <span>{record.category ? (locale === 'en' ? record.category.nameEn : record.category.nameVi) : '—'}</span>;
}

function ListActions() {
  return (
    <TopToolbar>
      <FilterButton />
      <ExportButton maxResults={5000} />
    </TopToolbar>
  );
}

/**
 * The queue of the officer's unit (the API scopes it: a unit, a supervisor's subtree, or the
 * country for the Government Office), soonest deadline first, with the SLA state at a glance.
 */
/** Chosen columns, headings in the officer's language, no formulas (case-export.ts). */
function useCaseExporter(): Exporter<TCaseListItem> {
  const translate = useTranslate();
  const locale = useLocale();
  return (records) =>
    downloadCSV(
      caseListCsv(
        records,
        (column) => translate(`resources.cases.fields.${column}`, { _: column }),
        locale === 'en' ? 'en' : 'vi',
      ),
      `caunoi-cases-${new Date().toISOString().slice(0, 10)}`,
    );
}

export function CaseList() {
  const exporter = useCaseExporter();
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const categories = useCategories();
  // On a phone the table would scroll sideways: a list of cards keeps title, code, status and SLA.
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectArrayInput
      key="status"
      source="status"
      choices={CASE_STATUSES.map((s) => ({ id: s, name: translate(`caunoi.status.${s}`) }))}
      alwaysOn
    />,
    <SelectArrayInput
      key="channel"
      source="channel"
      choices={CHANNELS.map((c) => ({ id: c, name: translate(`caunoi.channel.${c}`) }))}
    />,
    <SelectInput key="categoryCode" source="categoryCode" choices={categories} />,
    <BooleanInput key="overdue" source="overdue" />,
    <BooleanInput key="withoutProgress" source="withoutProgress" />,
    <SelectInput
      key="escalationLevel"
      source="escalationLevel"
      choices={[1, 2, 3].map((n) => ({ id: n, name: translate('caunoi.escalation', { level: n }) }))}
    />,
    ...(permissions && permissions !== 'officer'
      ? [
          <ReferenceInput key="unitCode" source="unitCode" reference="units" perPage={20}>
            <AutocompleteInput
              label="resources.cases.fields.unitCode"
              optionText="label"
              filterToQuery={(q: string) => ({ q })}
              sx={{ minWidth: 280 }}
            />
          </ReferenceInput>,
        ]
      : []),
  ];
  return (
    <List
      filters={filters}
      filterDefaultValues={{
        status: ['triage', 'routed', 'inProgress', 'awaitingApproval', 'awaitingCitizen', 'resolved'],
      }}
      sort={{ field: 'nextDueAt', order: 'ASC' }}
      perPage={25}
      actions={<ListActions />}
      pagination={<CasePagination />}
      exporter={exporter}
      empty={false}
    >
      {isSmall ? (
        <SimpleList<TCaseListItem>
          linkType="show"
          primaryText={(c) => c.title}
          secondaryText={(c) => `${c.trackingCode} · ${translate(`caunoi.status.${c.status}`)}`}
          tertiaryText={() => <SlaField />}
        />
      ) : (
        <Datagrid
          rowClick="show"
          bulkActionButtons={permissions === 'admin' ? false : <CaseBulkActions role={permissions} />}
        >
          <TextField source="trackingCode" />
          <TextField source="title" />
          <StatusField label="resources.cases.fields.status" sortBy="status" />
          <CategoryField label="resources.cases.fields.category" />
          <TextField source="owningUnit.name" sortable={false} />
          <LocalDateField source="receivedAt" />
          <SlaField label="resources.cases.fields.sla" sortBy="nextDueAt" />
          <EscalationBadge label="resources.cases.fields.escalationLevel" sortBy="escalationLevel" />
        </Datagrid>
      )}
    </List>
  );
}
