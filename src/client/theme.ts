import { createTheme, type MantineColorsTuple } from '@mantine/core';

// An indigo-leaning blue: calm for long planning sessions, strong enough for actions.
const pilot: MantineColorsTuple = [
  '#eef3ff',
  '#dce4f5',
  '#b9c7e2',
  '#94a8d0',
  '#748dc1',
  '#5f7cb8',
  '#5474b4',
  '#44639f',
  '#39588f',
  '#2d4b81',
];

export const theme = createTheme({
  primaryColor: 'pilot',
  primaryShade: 7,
  colors: { pilot },
  defaultRadius: 'md',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    Button: { defaultProps: { radius: 'md' } },
    Paper: { defaultProps: { radius: 'md' } },
    Card: { defaultProps: { radius: 'md', withBorder: true } },
    Modal: { defaultProps: { radius: 'md', centered: true } },
    Tooltip: { defaultProps: { withArrow: true } },
  },
});

/** The colour a post's status wears everywhere: chips, badges, the calendar. */
export const STATUS_COLORS: Record<string, string> = {
  draft: 'gray',
  scheduled: 'blue',
  publishing: 'violet',
  published: 'teal',
  failed: 'red',
  needs_review: 'orange',
};
