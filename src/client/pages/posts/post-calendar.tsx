import type { DatesSetArg, EventClickArg, EventDropArg, EventInput } from '@fullcalendar/core';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin, { type DateClickArg } from '@fullcalendar/interaction';
import luxonPlugin, { toLuxonDateTime } from '@fullcalendar/luxon3';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { PostStatus } from '../../../common/post-schemas';
import { STATUS_LABELS, statusCssColor } from '../../components/post-status-badge';
import type { RouterOutputs } from '../../trpc';
import { formatInZone, LOCAL_INPUT_FORMAT } from './post-time';

export type CalendarPost = RouterOutputs['posts']['calendar'][number];

/** Statuses a person may still move; the others already went out or are going. */
const MOVABLE: PostStatus[] = ['draft', 'scheduled', 'failed', 'needs_review'];

interface PostCalendarProps {
  posts: CalendarPost[];
  /** The IANA zone the grid is drawn in. */
  zone: string;
  showBrand: boolean;
  canEdit: boolean;
  onRangeChange: (range: { from: Date; to: Date }) => void;
  onOpen: (postId: string) => void;
  /** A chip was dropped on a new time: `at` is that time on the grid's wall clock. */
  onMove: (post: CalendarPost, at: string, revert: () => void) => void;
  /** An empty slot was clicked: `at` on the grid's wall clock. */
  onCreate?: (at: string) => void;
}

// FullCalendar reads its colours from these properties; the theme's take over.
const look = {
  '--fc-button-bg-color': 'var(--mantine-color-white)',
  '--fc-button-text-color': 'var(--mantine-color-gray-8)',
  '--fc-button-border-color': 'var(--mantine-color-gray-4)',
  '--fc-button-hover-bg-color': 'var(--mantine-color-gray-1)',
  '--fc-button-hover-border-color': 'var(--mantine-color-gray-4)',
  '--fc-button-active-bg-color': 'var(--mantine-color-pilot-0)',
  '--fc-button-active-border-color': 'var(--mantine-color-pilot-5)',
  '--fc-today-bg-color': 'var(--mantine-color-pilot-0)',
  '--fc-border-color': 'var(--mantine-color-gray-3)',
  '--fc-page-bg-color': 'var(--mantine-color-white)',
  background: 'var(--mantine-color-white)',
  borderRadius: 'var(--mantine-radius-md)',
  padding: 'var(--mantine-spacing-sm)',
  border: '1px solid var(--mantine-color-gray-3)',
  fontSize: 'var(--mantine-font-size-sm)',
} as CSSProperties;

/** Month and week grids of posts, chips coloured by status, drag to reschedule. */
export function PostCalendar({
  posts,
  zone,
  showBrand,
  canEdit,
  onRangeChange,
  onOpen,
  onMove,
  onCreate,
}: PostCalendarProps) {
  const narrow = useMediaQuery('(max-width: 48em)');
  // A week is tall: it scrolls inside a fixed height, opened at the working day.
  const [view, setView] = useState('dayGridMonth');
  const calendarRef = useRef<FullCalendar>(null);

  useEffect(() => {
    if (view === 'timeGridWeek') calendarRef.current?.getApi().scrollToTime('07:00:00');
  }, [view]);

  const events: EventInput[] = posts.map((post) => {
    const color = statusCssColor(post.status);
    return {
      id: post.id,
      title: (showBrand ? `${post.brandName} · ` : '') + (post.title || 'Untitled post'),
      // An ISO instant: the zone plugin places it on the grid's wall clock.
      start: new Date(post.scheduledAt).toISOString(),
      backgroundColor: color,
      borderColor: color,
      textColor: 'white',
      startEditable: canEdit && MOVABLE.includes(post.status),
      durationEditable: false,
      extendedProps: { post },
    };
  });

  const drop = (info: EventDropArg) => {
    const post = info.event.extendedProps.post as CalendarPost;
    const at = toLuxonDateTime(info.event.start!, info.view.calendar).toFormat(LOCAL_INPUT_FORMAT);
    onMove(post, at, info.revert);
  };

  const click = (info: EventClickArg) => {
    info.jsEvent.preventDefault();
    onOpen(info.event.id);
  };

  const dateClick = (info: DateClickArg) => {
    if (!onCreate) return;
    const start = toLuxonDateTime(info.date, info.view.calendar);
    // A click on a month day has no time of day: suggest mid-morning.
    const at = info.allDay ? start.set({ hour: 10, minute: 0 }) : start;
    onCreate(at.toFormat(LOCAL_INPUT_FORMAT));
  };

  return (
    <div style={look} data-testid="post-calendar">
      <FullCalendar
        ref={calendarRef}
        plugins={[dayGridPlugin, timeGridPlugin, interactionPlugin, luxonPlugin]}
        initialView="dayGridMonth"
        timeZone={zone}
        firstDay={1}
        headerToolbar={
          narrow
            ? { left: 'prev,next', center: 'title', right: 'dayGridMonth,timeGridWeek' }
            : { left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek' }
        }
        buttonText={{ today: 'Today', month: 'Month', week: 'Week' }}
        titleFormat={narrow ? { year: 'numeric', month: 'short' } : undefined}
        views={{
          timeGridWeek: {
            dayHeaderContent: (arg) =>
              toLuxonDateTime(arg.date, arg.view.calendar).toFormat('ccc d'),
          },
        }}
        height={view === 'timeGridWeek' ? 720 : 'auto'}
        dayMaxEvents={narrow ? 2 : 4}
        eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
        slotLabelFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
        scrollTime="07:00:00"
        nowIndicator
        allDaySlot={false}
        eventDisplay="block"
        events={events}
        editable={canEdit}
        eventDrop={drop}
        eventClick={click}
        dateClick={onCreate ? dateClick : undefined}
        datesSet={(info: DatesSetArg) => {
          const calendar = info.view.calendar;
          setView(info.view.type);
          onRangeChange({
            from: toLuxonDateTime(info.start, calendar).toJSDate(),
            to: toLuxonDateTime(info.end, calendar).toJSDate(),
          });
        }}
        eventDidMount={(info) => {
          const post = info.event.extendedProps.post as CalendarPost;
          const label = `${STATUS_LABELS[post.status]}: ${info.event.title}, ${formatInZone(new Date(post.scheduledAt), zone)}`;
          info.el.setAttribute('aria-label', label);
          info.el.setAttribute('title', label);
          info.el.setAttribute('data-status', post.status);
        }}
      />
    </div>
  );
}
