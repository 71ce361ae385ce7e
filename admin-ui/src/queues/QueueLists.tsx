import { Button } from '@mui/material';
import {
  Datagrid,
  List,
  NumberField,
  TextField,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { LocalDateField } from '../cases/LocalDateField';
import { EnumField } from './EnumField';
import type { CaseDataProvider } from '../providers/data-provider';

function RetryButton({ resource }: { resource: 'inbound' | 'outbox' }) {
  const record = useRecordContext<{ id: number; status: string }>();
  const dataProvider = useDataProvider<CaseDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  if (!record || !['failed', 'pending', 'dead'].includes(record.status)) return null;
  return (
    <Button
      size="small"
      onClick={async (e) => {
        e.stopPropagation();
        try {
          await dataProvider.retry(resource, record.id);
          notify('caunoi.queue.retried', { type: 'success' });
        } catch (error) {
          notify((error as Error).message, { type: 'error' });
        }
        refresh();
      }}
    >
      {translate('caunoi.queue.retry')}
    </Button>
  );
}

/** Inbound items that failed or were refused, with their error: the reception desk's queue. */
export function InboundList() {
  return (
    <List
      resource="inbound"
      filterDefaultValues={{ status: ['failed', 'pending'] }}
      sort={{ field: 'receivedAt', order: 'DESC' }}
      exporter={false}
    >
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <EnumField source="channel" group="channel" />
        <EnumField source="status" group="inboundStatus" />
        <NumberField source="attempts" />
        <TextField source="error" />
        <LocalDateField source="receivedAt" />
        <TextField source="trackingCode" />
        <RetryButton resource="inbound" />
      </Datagrid>
    </List>
  );
}

/** Messages that could not be delivered after every retry. */
export function OutboxList() {
  return (
    <List resource="outbox" sort={{ field: 'createdAt', order: 'DESC' }} exporter={false}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <EnumField source="kind" group="outboxKind" />
        <TextField source="template" />
        <EnumField source="status" group="outboxStatus" />
        <NumberField source="attempts" />
        <TextField source="lastError" />
        <LocalDateField source="createdAt" />
        <TextField source="trackingCode" />
        <RetryButton resource="outbox" />
      </Datagrid>
    </List>
  );
}
