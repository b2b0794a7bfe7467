import { describe, expect, it } from 'vitest';
import {
  formatPostsCsv,
  parsePostsCsv,
  type ExportablePost,
} from '../../src/server/posts/post-csv';

const zone = 'Europe/Budapest';
const header = 'date,time,caption,image_urls,targets';

describe('the posts CSV', () => {
  it('reads local times on the brand wall clock, and empty ones as drafts', () => {
    const csv = `${header}\n2031-06-01,09:30,Hello,https://cdn.example.com/a.jpg,"facebook, instagram"\n,,Later,,facebook\n`;

    const { posts, problems } = parsePostsCsv(csv, zone);

    expect(problems).toEqual([]);
    expect(posts).toEqual([
      {
        row: 2,
        at: new Date('2031-06-01T07:30:00Z'),
        content: {
          caption: 'Hello',
          captions: {},
          media: [{ url: 'https://cdn.example.com/a.jpg', alt: '' }],
          targets: ['facebook', 'instagram'],
        },
      },
      {
        row: 3,
        at: null,
        content: { caption: 'Later', captions: {}, media: [], targets: ['facebook'] },
      },
    ]);
  });

  it('numbers rows as a spreadsheet does, counting blank and multi-line rows once', () => {
    const csv = [
      header,
      '2031-06-01,09:30,"two\nlines",,facebook',
      '',
      '2031-06-01,25:00,ok,,facebook',
      '2031-13-01,09:30,ok,,myspace',
    ].join('\n');

    const { problems } = parsePostsCsv(csv, zone);

    expect(problems).toEqual([
      { row: 4, column: 'time', message: expect.stringMatching(/not a real date and time/) },
      { row: 5, column: 'date', message: '2031-13-01 is not a real date' },
      {
        row: 5,
        column: 'targets',
        message: 'List facebook, instagram or both, separated by commas',
      },
    ]);
  });

  it('reports a missing or unknown column on the header row', () => {
    const { problems } = parsePostsCsv('date,time,caption,targets,colour\n', zone);

    expect(problems).toEqual([
      { row: 1, column: 'image_urls', message: 'Add a "image_urls" column' },
      { row: 1, column: 'colour', message: expect.stringMatching(/^Unknown column/) },
    ]);
  });

  it('refuses a spring-forward gap time and half-filled dates', () => {
    const csv = `${header}\n2031-03-30,02:30,Gap,,facebook\n2031-06-01,,No time,,facebook\n`;

    const { problems } = parsePostsCsv(csv, zone);

    expect(problems).toEqual([
      {
        row: 2,
        column: 'time',
        message: expect.stringMatching(/does not exist in Europe\/Budapest/),
      },
      { row: 3, column: 'time', message: 'Fill in both date and time, or neither for a draft' },
    ]);
  });

  it('writes what it reads back to the same posts, whatever the captions hold', () => {
    const posts: ExportablePost[] = [
      {
        caption: 'Új kenyér 🍞, "friss"\nmásodik sor, #pékség',
        captions: { instagram: '=SUM(A1) is not a formula here' },
        media: [
          { url: 'https://cdn.example.com/a.jpg', alt: 'A loaf, sliced' },
          { url: 'https://cdn.example.com/b.jpg?x=1,2', alt: '' },
        ],
        targets: ['instagram', 'facebook'],
        scheduledAt: new Date('2031-06-01T07:30:00Z'),
      },
      {
        caption: "'@mention at the start, and a leading apostrophe",
        captions: {},
        media: [],
        targets: ['facebook'],
        scheduledAt: new Date('2031-10-26T01:30:00Z'), // the second 02:30 that night
      },
      {
        caption: '-20% today only  ',
        captions: {},
        media: [{ url: 'https://cdn.example.com/c.jpg', alt: '@alt' }],
        targets: ['facebook'],
        scheduledAt: new Date('2031-07-01T08:00:05.250Z'),
      },
      { caption: 'Draft', captions: {}, media: [], targets: ['facebook'], scheduledAt: null },
    ];

    const csv = formatPostsCsv(posts, zone);
    const { posts: read, problems } = parsePostsCsv(csv, zone);

    expect(problems).toEqual([]);
    expect(read.map((post) => ({ ...post.content, scheduledAt: post.at }))).toEqual(posts);
    expect(csv.split('\n')[0]).toBe(
      'date,time,caption,image_urls,targets,instagram_caption,alt_texts',
    );
    expect(csv).toContain("'=SUM(A1)"); // a spreadsheet shows it as text
  });
});
