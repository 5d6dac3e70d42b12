/**
 * Email through SMTP with nodemailer: the change summary as plain text and HTML, the PDF
 * attached, or a download link instead when the PDF is larger than the configured limit.
 */
import { readFileSync } from 'node:fs';
import type { DistributionConfig } from './config.js';
import { downloadUrl, escapeHtml } from './feed.js';
import type { Publication } from './history.js';

type EmailConfig = NonNullable<DistributionConfig['email']>;

export interface BriefEmail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachment?: { filename: string; path: string };
}

/** `pdfPath` undefined (the file is no longer this version) sends the link alone. */
export function composeEmail(
  publication: Publication,
  pdfPath: string | undefined,
  to: string[],
  config: EmailConfig,
  baseUrl: string,
): BriefEmail {
  const link = downloadUrl(baseUrl, publication.id);
  const attach = pdfPath !== undefined && publication.bytes <= config.maxAttachmentBytes;
  const where = attach
    ? 'The PDF is attached.'
    : pdfPath === undefined
      ? 'A newer version has been published since; the link gives the latest.'
      : `The PDF (${publication.bytes} bytes) is too large to attach.`;
  const text = [
    `${publication.title}, version ${publication.version}`,
    '',
    `What changed: ${publication.summary}`,
    '',
    where,
    `Download: ${link}`,
    `SHA-256: ${publication.sha256}`,
  ].join('\n');
  const html = `<p><strong>${escapeHtml(publication.title)}</strong>, version ${publication.version}</p>
<p>What changed: ${escapeHtml(publication.summary)}</p>
<p>${escapeHtml(where)} <a href="${escapeHtml(link)}">Download the PDF</a></p>
<p style="color:#666">SHA-256: ${publication.sha256}</p>`;
  return {
    to,
    subject: `${publication.title} — version ${publication.version}`,
    text,
    html,
    ...(attach && pdfPath
      ? { attachment: { filename: `${publication.id}-v${publication.version}.pdf`, path: pdfPath } }
      : {}),
  };
}

export async function sendEmail(email: BriefEmail, config: EmailConfig, timeoutMs: number): Promise<string> {
  const { smtp } = config;
  const password = smtp.passwordEnv ? process.env[smtp.passwordEnv] : undefined;
  const { createTransport } = await import('nodemailer'); // only when a message is sent
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTLS,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    ...(smtp.user ? { auth: { user: smtp.user, pass: password ?? '' } } : {}),
  });
  try {
    const info = await transport.sendMail({
      from: config.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      ...(email.attachment
        ? {
            attachments: [
              {
                filename: email.attachment.filename,
                content: readFileSync(email.attachment.path),
                contentType: 'application/pdf',
              },
            ],
          }
        : {}),
    });
    return `accepted by ${smtp.host}: ${info.messageId}`;
  } finally {
    transport.close();
  }
}
