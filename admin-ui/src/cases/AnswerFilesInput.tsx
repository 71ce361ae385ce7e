import { Box, Button, Chip, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useInput, useTranslate } from 'react-admin';
import type { TUploadedAttachment } from '@caunoi/contract';
import type { CaseDataProvider } from '../providers/data-provider';

/**
 * The files an answer carries (the signed document as a PDF, photos of the work done): uploaded as
 * soon as they are chosen, checked by the server as a citizen's files are, and sent with the
 * answer by their ids. A refused file says why, beside the button.
 */
export function AnswerFilesInput({ source, caseId }: { source: string; caseId: number }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<CaseDataProvider>();
  const { field } = useInput<number[]>({ source, defaultValue: [] });
  const [uploaded, setUploaded] = useState<TUploadedAttachment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keep = (next: TUploadedAttachment[]) => {
    setUploaded(next);
    field.onChange(next.map((f) => f.id));
  };
  const choose = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    setError(null);
    try {
      const { data } = await dataProvider.uploadFiles(caseId, [...files]);
      keep([...uploaded, ...data]);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box sx={{ mt: 1 }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <Button component="label" variant="outlined" disabled={busy}>
          {translate('caunoi.files.attach')}
          <input
            hidden
            type="file"
            multiple
            accept="application/pdf,image/*,.doc,.docx,.xls,.xlsx"
            data-testid="answer-files"
            onChange={(e) => void choose(e.target.files)}
          />
        </Button>
        {uploaded.map((f) => (
          <Chip
            key={f.id}
            label={`${f.fileName} (${Math.ceil(f.size / 1024)} kB)`}
            onDelete={() => keep(uploaded.filter((u) => u.id !== f.id))}
          />
        ))}
      </Stack>
      <Typography variant="body2" color={error ? 'error' : 'text.secondary'} role={error ? 'alert' : undefined}>
        {error ?? translate('caunoi.files.hint')}
      </Typography>
    </Box>
  );
}
