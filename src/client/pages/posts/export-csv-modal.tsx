import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { DateTime } from 'luxon';
import { useState } from 'react';
import type { BrandOption } from '../../components/post-brand-picker';
import { ErrorAlert } from '../../components/error-alert';
import { notifySuccess } from '../../lib/feedback';
import { trpc } from '../../trpc';
import { startOfLocalDay } from './post-time';

interface ExportCsvModalProps {
  brand: BrandOption;
  opened: boolean;
  onClose: () => void;
}

/** Saves the posts scheduled between two days as a CSV file that imports back unchanged. */
export function ExportCsvModal({ brand, opened, onClose }: ExportCsvModalProps) {
  const utils = trpc.useUtils();
  const today = DateTime.now().setZone(brand.timezone);
  const [from, setFrom] = useState(today.toISODate()!);
  const [to, setTo] = useState(today.plus({ days: 30 }).toISODate()!);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const invalid = from === '' || to === '' || to < from;

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const csv = await utils.posts.exportCsv.fetch({
        brandId: brand.id,
        from: startOfLocalDay(from, brand.timezone),
        // The last day is included: the range ends at the next midnight.
        to: DateTime.fromISO(to, { zone: brand.timezone }).plus({ days: 1 }).toJSDate(),
      });
      saveFile(`${brand.slug}-posts-${from}-to-${to}.csv`, csv);
      notifySuccess('CSV downloaded');
      onClose();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Export posts as CSV">
      <Stack>
        <Text size="sm" c="dimmed">
          Posts of {brand.name} scheduled between these days ({brand.timezone}), in the same columns
          the import reads.
        </Text>
        <Group grow>
          <TextInput
            type="date"
            label="From"
            value={from}
            onChange={(event) => setFrom(event.currentTarget.value)}
          />
          <TextInput
            type="date"
            label="To (included)"
            value={to}
            onChange={(event) => setTo(event.currentTarget.value)}
            error={from && to && to < from ? 'Choose a day after the first one' : undefined}
          />
        </Group>
        {error !== null && <ErrorAlert error={error} title="Could not export" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            leftSection={<IconDownload size={16} />}
            loading={busy}
            disabled={invalid}
            onClick={download}
          >
            Download CSV
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function saveFile(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
