import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useState } from 'react';
import {
  AutocompleteInput,
  Form,
  ReferenceInput,
  SaveButton,
  TextInput,
  required,
  useDataProvider,
  useListContext,
  useNotify,
  useRefresh,
  useTranslate,
  useUnselectAll,
} from 'react-admin';
import type { TCaseListItem } from '@caunoi/contract';
import { currentOfficer } from '../providers/auth-provider';
import type { CaseDataProvider } from '../providers/data-provider';

type BulkType = 'transfer' | 'assign' | 'urge';

/**
 * One transition on every selected case, each with its own version; cases the machine refuses
 * (wrong state, not your unit) are counted and reported, not silently skipped.
 */
function BulkTransition({ type }: { type: BulkType }) {
  const { selectedIds, data = [] } = useListContext<TCaseListItem>();
  const dataProvider = useDataProvider<CaseDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll('cases');
  const translate = useTranslate();
  const [open, setOpen] = useState(false);

  const run = async (values: Record<string, unknown>) => {
    const selected = data.filter((c) => selectedIds.includes(c.id));
    let done = 0;
    const refused: string[] = [];
    for (const kase of selected) {
      const body: Record<string, unknown> = { type, version: kase.version };
      if (type === 'transfer') Object.assign(body, { unitCode: values.unitCode, reason: values.reason });
      if (type === 'urge') body.note = values.note;
      if (type === 'assign') body.officerId = currentOfficer()?.id;
      try {
        await dataProvider.transition(kase.id, body);
        done += 1;
      } catch {
        refused.push(kase.trackingCode);
      }
    }
    notify('caunoi.bulk.result', {
      type: refused.length ? 'warning' : 'success',
      messageArgs: { done, refused: refused.length, codes: refused.join(', ') || '—' },
      autoHideDuration: 10_000,
    });
    setOpen(false);
    unselectAll();
    refresh();
  };

  const label = translate(`caunoi.bulk.${type}`);
  if (type === 'assign') {
    return (
      <Button size="small" onClick={() => void run({})}>
        {label}
      </Button>
    );
  }
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {label}
      </Button>
      {open && (
        <Dialog open onClose={() => setOpen(false)} fullWidth maxWidth="sm">
          <Form onSubmit={run}>
            <DialogTitle>{label}</DialogTitle>
            <DialogContent>
              {type === 'transfer' && (
                <ReferenceInput source="unitCode" reference="units" perPage={20}>
                  <AutocompleteInput
                    label="caunoi.field.unitCode"
                    optionText="label"
                    validate={required()}
                    filterToQuery={(q: string) => ({ q })}
                    fullWidth
                  />
                </ReferenceInput>
              )}
              <TextInput
                source={type === 'urge' ? 'note' : 'reason'}
                label={type === 'urge' ? 'caunoi.field.note' : 'caunoi.field.reason'}
                multiline
                minRows={3}
                fullWidth
                validate={required()}
              />
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
              <SaveButton label={label} icon={<span />} />
            </DialogActions>
          </Form>
        </Dialog>
      )}
    </>
  );
}

export function CaseBulkActions({ role }: { role: string | undefined }) {
  return (
    <>
      {(role === 'officer' || role === 'supervisor') && <BulkTransition type="assign" />}
      {(role === 'officer' || role === 'supervisor') && <BulkTransition type="transfer" />}
      {role !== 'officer' && <BulkTransition type="urge" />}
    </>
  );
}
