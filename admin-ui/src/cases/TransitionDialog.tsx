import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField as MuiTextField,
} from '@mui/material';
import { useState } from 'react';
import {
  AutocompleteInput,
  Form,
  ReferenceInput,
  SaveButton,
  SelectInput,
  TextInput,
  minLength,
  required,
  useDataProvider,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { TCaseDetail } from '@caunoi/contract';
// Plain data, without zod: the request schema's fields, kept equal to it by a test.
import { TRANSITION_FIELDS, type TransitionField } from '@caunoi/contract/transition-fields';
import type { CaseDataProvider } from '../providers/data-provider';
import { AnswerFilesInput } from './AnswerFilesInput';
import { DuplicateSuggestions } from './DuplicateSuggestions';
import { useCategories } from './categories';

/**
 * One dialog per transition, generated from `availableTransitions`. A stale version (someone else
 * acted first) reloads the case and says so instead of failing silently.
 */
export function TransitionDialog({ kase, type, onClose }: { kase: TCaseDetail; type: string; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<CaseDataProvider>();
  const [template, setTemplate] = useState('');
  const categories = useCategories();
  // The fields and their limits come from the API's request schema (the contract).
  const fields: readonly TransitionField[] = TRANSITION_FIELDS[type as keyof typeof TRANSITION_FIELDS] ?? [];

  const submit = async (values: Record<string, unknown>) => {
    const body: Record<string, unknown> = { type, version: kase.version };
    for (const { field, kind } of fields) {
      const value = values[field];
      if (value === undefined || value === null || value === '') continue;
      if (Array.isArray(value) && value.length === 0) continue;
      body[field] = kind === 'number' ? Number(value) : value;
    }
    try {
      await dataProvider.transition(kase.id, body);
      notify('caunoi.case.done', { type: 'success', messageArgs: { action: translate(`caunoi.transition.${type}`) } });
      onClose();
      refresh();
    } catch (error) {
      const status = (error as { status?: number }).status;
      const reason = (error as { body?: { error?: { reason?: string } } }).body?.error?.reason;
      if (status === 409 && reason === 'staleVersion') {
        notify('caunoi.case.conflict', { type: 'warning', autoHideDuration: 10_000 });
        onClose();
        refresh();
        return;
      }
      notify((error as Error).message, { type: 'error' });
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="transition-title">
      <Form
        onSubmit={submit}
        defaultValues={
          type === 'respond'
            ? { answer: template }
            : type === 'categorise' && kase.suggestion
              ? { categoryCode: kase.suggestion.categoryCode }
              : {}
        }
        key={template}
      >
        <DialogTitle id="transition-title">{translate(`caunoi.transition.${type}`)}</DialogTitle>
        <DialogContent>
          {type === 'respond' && (
            <MuiTextField
              select
              fullWidth
              size="small"
              margin="dense"
              label={translate('caunoi.template.label')}
              value=""
              onChange={(e) => setTemplate(translate(`caunoi.template.${e.target.value}`))}
            >
              <MenuItem value="thanks">{translate('caunoi.template.thanks')}</MenuItem>
              <MenuItem value="outOfScope">{translate('caunoi.template.outOfScope')}</MenuItem>
            </MuiTextField>
          )}
          {(type === 'merge' || type === 'linkRelated') && <DuplicateSuggestions kase={kase} />}
          {fields.map(({ field, kind, optional, minLength: min }) =>
            kind === 'files' ? (
              <AnswerFilesInput key={field} source={field} caseId={kase.id} />
            ) : kind === 'unit' ? (
              <ReferenceInput key={field} source="unitCode" reference="units" perPage={20}>
                <AutocompleteInput
                  label={`caunoi.field.${field}`}
                  optionText="label"
                  validate={required()}
                  filterToQuery={(q: string) => ({ q })}
                  fullWidth
                />
              </ReferenceInput>
            ) : kind === 'category' ? (
              <SelectInput
                key={field}
                source={field}
                label={`caunoi.field.${field}`}
                choices={categories}
                validate={required()}
                fullWidth
              />
            ) : (
              <TextInput
                key={field}
                source={field}
                // A field may be worded for its transition (the head's note on a draft is not an urging).
                label={translate(`caunoi.fieldFor.${type}.${field}`, { _: translate(`caunoi.field.${field}`) })}
                multiline={kind === 'text'}
                minRows={kind === 'text' ? 4 : undefined}
                fullWidth
                validate={[...(optional ? [] : [required()]), ...(kind === 'text' && min ? [minLength(min)] : [])]}
                type={kind === 'number' ? 'number' : kind === 'date' ? 'date' : 'text'}
                slotProps={kind === 'date' ? { inputLabel: { shrink: true } } : undefined}
              />
            ),
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          <SaveButton
            label={`caunoi.transition.${type}`}
            alwaysEnable={fields.every((f) => f.optional)}
            icon={<span />}
          />
        </DialogActions>
      </Form>
    </Dialog>
  );
}
