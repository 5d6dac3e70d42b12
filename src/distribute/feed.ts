/** The Atom feed of new and updated briefs (`output/feed.xml`), built with the `feed` library. */
import { Feed } from 'feed';
import type { Publication } from './history.js';

export interface FeedOptions {
  title: string;
  baseUrl: string;
  entries: number;
}

export function downloadUrl(baseUrl: string, id: string): string {
  return new URL(`v1/briefs/${encodeURIComponent(id)}.pdf`, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`)
    .href;
}

/** Deterministic for the same history: every date comes from the records, none from the clock. */
export function atomFeed(publications: readonly Publication[], options: FeedOptions): string {
  const entries = publications.slice(0, options.entries);
  const feed = new Feed({
    title: options.title,
    id: new URL('feed.xml', `${options.baseUrl.replace(/\/$/, '')}/`).href,
    link: options.baseUrl,
    copyright: 'See each brief',
    updated: entries[0] ? new Date(entries[0].publishedAt) : new Date(0),
    generator: 'briefsmith',
    feedLinks: { atom: new URL('feed.xml', `${options.baseUrl.replace(/\/$/, '')}/`).href },
  });
  for (const publication of entries) {
    const link = downloadUrl(options.baseUrl, publication.id);
    feed.addItem({
      title: `${publication.title} (version ${publication.version})`,
      id: `urn:briefsmith:${publication.id}:${publication.version}:${publication.sha256}`,
      link,
      date: new Date(publication.publishedAt),
      description: publication.summary,
      content: `<p>${escapeHtml(publication.summary)}</p><p><a href="${escapeHtml(link)}">Download the PDF</a> (${publication.bytes} bytes, sha256 ${publication.sha256})</p>`,
    });
  }
  return feed.atom1();
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
