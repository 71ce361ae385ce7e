import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useState } from 'react';
import {
  ArrayField,
  BooleanField,
  ChipField,
  Create,
  Datagrid,
  List,
  NumberInput,
  SelectArrayInput,
  SimpleForm,
  SingleFieldList,
  TextField,
  TextInput,
  required,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRedirect,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { LocalDateField } from '../cases/LocalDateField';
import type { CaseDataProvider } from '../providers/data-provider';
import { unitPicker } from './ReferenceForms';

/** A key is shown once, when it is made or rotated: the administrator copies it here. */
function KeyOnce({ apiKey, onClose }: { apiKey: string | null; onClose: () => void }) {
  const translate = useTranslate();
  return (
    <Dialog open={!!apiKey} onClose={onClose}>
      <DialogTitle>{translate('caunoi.apiClients.keyTitle')}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('caunoi.apiClients.keyOnce')}
        </Alert>
        <Typography component="code" sx={{ wordBreak: 'break-all', fontFamily: 'monospace' }} data-testid="api-key">
          {apiKey}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => void navigator.clipboard?.writeText(apiKey ?? '')}>
          {translate('caunoi.apiClients.copy')}
        </Button>
        <Button onClick={onClose}>{translate('ra.action.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

function KeyActions() {
  const record = useRecordContext<{ id: number; revokedAt: string | null }>();
  const dataProvider = useDataProvider<CaseDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [shown, setShown] = useState<string | null>(null);
  if (!record || record.revokedAt) return null;
  const act = async (action: 'rotate' | 'revoke') => {
    try {
      const { data } = await dataProvider.apiClientAction(record.id, action);
      if (action === 'rotate') setShown(String(data.key));
      else notify('caunoi.apiClients.revoked', { type: 'success' });
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
    refresh();
  };
  return (
    <>
      <Button size="small" onClick={() => void act('rotate')}>
        {translate('caunoi.apiClients.rotate')}
      </Button>
      <Button size="small" color="error" onClick={() => void act('revoke')}>
        {translate('caunoi.apiClients.revoke')}
      </Button>
      <KeyOnce apiKey={shown} onClose={() => setShown(null)} />
    </>
  );
}

/** Agencies' systems with their keys' prefixes, scopes and last use. */
export function ApiClientList() {
  return (
    <List resource="api-clients" exporter={false} pagination={false}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="name" />
        <TextField source="unitName" />
        <TextField source="keyPrefix" />
        <ArrayField source="scopes">
          <SingleFieldList linkType={false}>
            <ChipField source="" />
          </SingleFieldList>
        </ArrayField>
        <BooleanField source="active" />
        <LocalDateField source="lastUsedAt" />
        <KeyActions />
      </Datagrid>
    </List>
  );
}

export function ApiClientCreate() {
  const [shown, setShown] = useState<string | null>(null);
  const redirect = useRedirect();
  return (
    <>
      <Create
        resource="api-clients"
        redirect={false}
        mutationOptions={{ onSuccess: (data) => setShown(String((data as { key?: string }).key ?? '')) }}
      >
        <SimpleForm>
          <TextInput source="name" validate={required()} />
          {unitPicker}
          <SelectArrayInput
            source="scopes"
            validate={required()}
            choices={['submit', 'read', 'transition'].map((id) => ({ id, name: `caunoi.apiClients.scope.${id}` }))}
          />
          <NumberInput source="rateLimitPerMinute" defaultValue={600} min={1} />
        </SimpleForm>
      </Create>
      <KeyOnce
        apiKey={shown}
        onClose={() => {
          setShown(null);
          redirect('list', 'api-clients');
        }}
      />
    </>
  );
}
